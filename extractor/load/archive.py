"""Archives: .zip, .tar/.tar.gz/.tgz and single-file .gz; members in sorted order, named "archive.zip/inner/path"."""

from __future__ import annotations

import gzip
import shutil
import tarfile
import tempfile
import zipfile
from pathlib import PurePosixPath
from typing import Iterator

from .common import LoadError, Source

# Nested archives are spooled to a temporary file so zipfile/tarfile can seek in them.
_SPOOL_IN_MEMORY = 8 * 1024 * 1024


def _member_source(archive: Source, inner: str, opener, size) -> Source:
    from . import _stem, _suffixes

    name = PurePosixPath(inner).name
    return Source(name=f"{archive.name}/{inner}", stem=_stem(name), open=opener, size=size, suffixes=_suffixes(name))


def _skip(inner: str) -> bool:
    parts = PurePosixPath(inner).parts
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def load_gzip(source: Source, head: bytes) -> Iterator:
    """A single compressed file: its content keeps the .gz file's name (source) and stem."""
    from . import load_source

    inner = Source(name=source.name, stem=source.stem, open=lambda: gzip.open(source.open()), size=None,
                   suffixes=tuple(s for s in source.suffixes if s != ".gz"))
    yield from load_source(inner)


def _seekable(source: Source):
    fh = source.open()
    if fh.seekable():
        return fh
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)
    with fh:
        shutil.copyfileobj(fh, spool)
    spool.seek(0)
    return spool


def load_zip(source: Source, head: bytes) -> Iterator:
    from . import load_source

    fh = _seekable(source)
    try:
        try:
            zf = zipfile.ZipFile(fh)
        except zipfile.BadZipFile as exc:
            raise LoadError(f"damaged zip archive: {exc}") from None
        members = sorted((i for i in zf.infolist() if not i.is_dir() and not _skip(i.filename)), key=lambda i: i.filename)
        if not members:
            raise LoadError("empty zip archive")
        for info in members:
            yield from load_source(_member_source(source, info.filename, lambda info=info: zf.open(info), info.file_size))
    finally:
        fh.close()


def load_tar(source: Source, head: bytes) -> Iterator:
    from . import load_source

    fh = _seekable(source)
    try:
        try:
            tf = tarfile.open(fileobj=fh, mode="r:*")
            members = sorted((m for m in tf.getmembers() if m.isfile() and not _skip(m.name)), key=lambda m: m.name)
        except (tarfile.TarError, EOFError) as exc:
            raise LoadError(f"damaged tar archive: {exc}") from None
        if not members:
            raise LoadError("empty tar archive")
        for m in members:
            yield from load_source(_member_source(source, m.name, lambda m=m: tf.extractfile(m), m.size))
    finally:
        fh.close()
