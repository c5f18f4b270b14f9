"""Stage 1, load: turn input paths into `Document`s (or `LoadFailure`s), one per abstract.

Each format has its own module here; `load_paths` picks the loader by content as well as extension
(see `sniff.py`), walks folders and archives in sorted order, and names every record (doc_id, source, #N).
Nothing escapes `load_paths` as an exception: a bad file becomes one `LoadFailure` and the batch goes on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..models import Meta, RecordWarning
from .common import LoadError, Raw, Source


@dataclass
class Document:
    doc_id: str
    source: str
    text: str
    meta: Meta = field(default_factory=Meta)
    warnings: list[RecordWarning] = field(default_factory=list)
    # which loader read it ("pubmed_xml", "medline", "text", ...): useful in error reports and tests
    format: str = ""


@dataclass
class LoadFailure:
    """One bad input: reported on one line naming the file and the reason; the batch goes on."""

    source: str
    reason: str

    def line(self) -> str:
        return f"{self.source}: {self.reason}"


Loaded = Union[Document, LoadFailure]


def load_paths(paths: Iterable[Union[str, Path]]) -> Iterator[Loaded]:
    """Every document under `paths` (files, folders, archives), in a deterministic order."""
    for path in paths:
        try:
            for item in iter_files([path]):
                if isinstance(item, LoadFailure):
                    yield item
                else:
                    yield from load_source(file_source(*item))
        except Exception as exc:  # the contract: never an exception out of load_paths
            yield LoadFailure(str(path), f"unexpected error: {type(exc).__name__}: {exc}")


def iter_files(paths: Iterable[Union[str, Path]]) -> Iterator[Union[tuple[Path, str], LoadFailure]]:
    """(path, name shown in `source`) of every input file under `paths`, in the order documents load.

    Folders are walked sorted, dot files skipped, symlink loops cut; engines that plan work per file
    (the Dask engine) list files with this so their order and names are the local engine's.
    """
    for given in paths:
        given = str(given)
        p = Path(given)
        if p.is_symlink() and not p.exists():
            yield LoadFailure(given, "broken symbolic link (its target does not exist)")
        elif not p.exists():
            yield LoadFailure(given, "no such file or directory")
        elif p.is_dir():
            yield from _walk(p, given, set())
        else:
            yield p, given


def _walk(folder: Path, shown: str, seen: set) -> Iterator[Union[tuple[Path, str], LoadFailure]]:
    real = os.path.realpath(folder)
    if real in seen:  # a symlink loop
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield LoadFailure(shown, f"cannot read folder: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):  # .DS_Store, .git and friends are not inputs
            continue
        child = os.path.join(shown, entry.name)
        path = Path(entry.path)
        if entry.is_symlink() and not path.exists():
            yield LoadFailure(child, "broken symbolic link (its target does not exist)")
        elif path.is_dir():
            yield from _walk(path, child, seen)
        else:
            yield path, child


def file_source(path: Path, shown: str) -> Source:
    try:
        size = path.stat().st_size
    except OSError:
        size = None
    return Source(name=shown, stem=_stem(path.name), open=lambda: open(path, "rb"), size=size,
                  suffixes=_suffixes(path.name))


def _suffixes(name: str) -> tuple[str, ...]:
    return tuple(s.lower() for s in Path(name).suffixes[-2:])


def _stem(name: str) -> str:
    """File name without its format extensions: "a.xml.gz" -> "a", "pubmed-29768149.xml" -> "pubmed-29768149"."""
    stem = name
    for _ in range(2):
        base, dot, ext = stem.rpartition(".")
        if dot and base and ext.lower() in _KNOWN_EXTENSIONS:
            stem = base
    return stem


_KNOWN_EXTENSIONS = {
    "gz", "tgz", "zip", "tar", "xml", "nxml", "txt", "text", "nbib", "medline", "ris", "csv", "tsv", "tab",
    "json", "jsonl", "ndjson", "enw", "htm", "html",
}


def load_source(source: Source) -> Iterator[Loaded]:
    """Load one file (or archive) and name its records; failures name the file and say why."""
    from . import sniff

    records = 0
    raws: list[Raw] = []
    fmt = ""
    try:
        fmt, loader, head = sniff.choose(source)
        if fmt == "archive":
            yield from loader(source, head)
            return
        for raw in loader(source, head):
            if isinstance(raw, LoadFailure):
                yield raw
                continue
            records += 1
            raws.append(raw)
            # Lookahead of one: a file is multi-record (every record gets #N) once a second record appears.
            if records == 2:
                yield _document(source, raws[0], 1, True, fmt)
            if records >= 2:
                yield _document(source, raw, records, True, fmt)
                raws.clear()
    except LoadError as exc:
        if records == 1:
            yield _document(source, raws[0], 1, False, fmt)
        yield LoadFailure(source.name, str(exc))
        return
    except PermissionError as exc:
        yield LoadFailure(source.name, f"permission denied: {exc.strerror or exc}")
        return
    except OSError as exc:
        if records == 1:
            yield _document(source, raws[0], 1, False, fmt)
        yield LoadFailure(source.name, f"cannot read: {exc.strerror or exc}")
        return
    except Exception as exc:  # a loader bug must not end the batch; say which file hit it
        if records == 1:
            yield _document(source, raws[0], 1, False, fmt)
        yield LoadFailure(source.name, f"unexpected error in the {fmt or 'format'} loader: {type(exc).__name__}: {exc}")
        return
    if records == 1:
        yield _document(source, raws[0], 1, False, fmt)


def _document(source: Source, raw: Raw, n: int, multi: bool, fmt: str) -> Document:
    suffix = f"#{n}" if multi else ""
    doc_id = raw.meta.pmid or raw.meta.doi or f"{source.stem}{suffix}"
    return Document(doc_id=doc_id, source=f"{source.name}{suffix}", text=raw.text, meta=raw.meta,
                    warnings=raw.warnings, format=fmt)
