"""What every format loader shares: the input `Source`, the raw record a loader yields, decoding, small cleaners."""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass, field
from typing import IO, Callable, Iterator, Optional

import charset_normalizer

from ..models import Meta, RecordWarning

# Enough bytes to tell formats and encodings apart without reading a big file.
HEAD_BYTES = 65536
# A single plain-text (or JSON, JATS) document is read whole; anything bigger is not an abstract.
MAX_WHOLE_TEXT = 10 * 1024 * 1024
MAX_WHOLE_XML = 50 * 1024 * 1024


class LoadError(Exception):
    """A reason a file (or the rest of it) cannot be loaded; becomes one `LoadFailure` line."""


@dataclass
class Source:
    """One input file, wherever it lives (disk, zip member, tar member, inside a .gz).

    `name` is the `source` string of its documents; `open` may be called more than once.
    """

    name: str
    stem: str
    open: Callable[[], IO[bytes]]
    size: Optional[int] = None
    suffixes: tuple[str, ...] = ()


@dataclass
class Raw:
    """One record as a loader found it; `load_paths` turns it into a `Document` (doc_id, #N)."""

    text: str
    meta: Meta = field(default_factory=Meta)
    warnings: list[RecordWarning] = field(default_factory=list)


def read_head(source: Source, n: int = HEAD_BYTES) -> bytes:
    with source.open() as fh:
        return fh.read(n)


# --- decoding --------------------------------------------------------------------------------------------

_BINARY_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an MS Office (OLE) document",
    b"\x7fELF": "an executable",
    b"BZh": "a bzip2 archive (not supported)",
    b"\xfd7zXZ": "an xz archive (not supported)",
    b"7z\xbc\xaf": "a 7-Zip archive (not supported)",
    b"Rar!": "a RAR archive (not supported)",
}
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})


def _utf16_without_bom(head: bytes) -> Optional[str]:
    """UTF-16 exports (Web of Science, Excel) often drop the BOM: ASCII text then has a NUL every other byte."""
    sample = head[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def detect_encoding(head: bytes) -> tuple[str, Optional[str]]:
    """(codec, warning code or None) for text whose first bytes are `head`; LoadError when it is not text."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "decoded_utf_16"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32", "decoded_utf_32"
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise LoadError(f"binary file ({what}), not text")
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16, "decoded_utf_16"
    if b"\x00" in head or (head and sum(head.count(c) for c in _CONTROL) > 0.05 * len(head)):
        raise LoadError("binary file (control bytes), not text")
    try:
        # final=False: the head may end inside a multi-byte character
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8", None
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(head).best()
    if best is None:
        raise LoadError("undecodable bytes: neither UTF-8 nor any known text encoding")
    enc = codecs.lookup(best.encoding).name.replace("-", "_")
    return enc, f"decoded_{enc}"


def encoding_warning(code: Optional[str]) -> list[RecordWarning]:
    if not code:
        return []
    return [RecordWarning(code=code, message=f"input was not UTF-8; {code.removeprefix('decoded_')} was used")]


def open_text(source: Source, head: bytes) -> tuple[IO[str], list[RecordWarning]]:
    """A streamed text reader with universal newlines; strict so that undecodable bytes surface as errors."""
    enc, code = detect_encoding(head)
    return io.TextIOWrapper(source.open(), encoding=enc, errors="strict", newline=None), encoding_warning(code)


def read_whole_text(source: Source, head: bytes, limit: int = MAX_WHOLE_TEXT) -> tuple[str, list[RecordWarning]]:
    if source.size is not None and source.size > limit:
        raise LoadError(f"file too large for a single document ({source.size / 1e6:.0f} MB > {limit // 2**20} MB)")
    reader, warnings = open_text(source, head)
    with reader:
        try:
            text = reader.read(limit + 1)
        except UnicodeDecodeError as exc:
            raise LoadError(f"undecodable bytes ({exc.reason}) at byte {exc.start} of a chunk") from None
    if len(text) > limit:
        raise LoadError(f"file too large for a single document (more than {limit // 2**20} MB)")
    return text, warnings


# --- cleaners shared by the loaders ----------------------------------------------------------------------

_WS = re.compile(r"\s+")
_DASHES = re.compile(r"\s*[‐‑‒–—―−-]\s*")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
# Sentence-cased titles (Scopus, Pure) lower-case the Roman numeral of "Phase I": restore it.
_PHASE_NUMERAL = re.compile(r"\b([Pp]hases?\s+)((?:i{1,3}|iv|v)(?:\s*(?:/|-|–|and|or)\s*(?:i{1,3}|iv|v))*)\b(?![-'’])")


def squash(text: Optional[str]) -> Optional[str]:
    if text is None:
        return None
    # split/join: several times faster than a regex on long abstracts, same result for white space
    text = " ".join(text.split())
    return text or None


def norm_pages(pages: Optional[str]) -> Optional[str]:
    pages = squash(pages)
    return _DASHES.sub("-", pages) if pages else None


def find_year(text: Optional[str]) -> Optional[int]:
    m = _YEAR.search(text or "")
    return int(m.group(1)) if m else None


def find_doi(text: Optional[str]) -> Optional[str]:
    m = _DOI.search(text or "")
    return m.group(1).rstrip(".,;)]") if m else None


def clean_title(title: Optional[str]) -> Optional[str]:
    title = squash(title)
    if not title:
        return None
    return _PHASE_NUMERAL.sub(lambda m: m.group(1) + m.group(2).upper().replace("AND", "and").replace("OR", "or"), title)


# Scopus/WoS exports append the publisher's copyright to the abstract: "... alone. © 2006 by the American ..."
_TRAILING_COPYRIGHT = re.compile(r"(?<=[.!?])\s*(?:©|\([cC]\)\s*(?:19|20)\d\d|Copyright\b)[^.]{0,200}(?:\.\s*All rights reserved)?\.?\s*$")


def strip_copyright(text: str) -> str:
    return _TRAILING_COPYRIGHT.sub("", text)


def no_abstract_warning() -> RecordWarning:
    return RecordWarning(code="no_abstract", message="the record has no abstract")


def iter_lines(reader: IO[str]) -> Iterator[str]:
    """Lines without their newline; decoding errors become LoadError naming the line."""
    n = 0
    try:
        for n, line in enumerate(reader, 1):
            yield line.rstrip("\n")
    except UnicodeDecodeError as exc:
        raise LoadError(f"undecodable bytes ({exc.reason}) after line {n}") from None
