"""Pick a loader from the first bytes of a file (content first, extension as a hint)."""

from __future__ import annotations

import re
from typing import Callable

from .common import LoadError, Source, detect_encoding, read_head

_XML_PUBMED = re.compile(r"<(?:PubmedArticleSet|PubmedArticle|PubmedBookArticle|PubmedBookArticleSet)\b")
_XML_JATS = re.compile(r"<article\b")
_HTML = re.compile(r"<(?:!DOCTYPE\s+html|html)\b", re.I)
_MEDLINE = re.compile(r"PMID- ")
_RIS = re.compile(r"(?:TY  - |%0 |FN )")
_TABLE_SUFFIXES = {".csv", ".tsv", ".tab"}


def choose(source: Source) -> tuple[str, Callable, bytes]:
    head = read_head(source)
    if not head:
        raise LoadError("empty file (0 bytes)")
    from . import archive, jats, jsonl, medline, pubmed_xml, ris, table, text

    if head[:2] == b"\x1f\x8b":
        return "archive", archive.load_gzip, head
    if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return "archive", archive.load_zip, head
    if len(head) > 262 and head[257:262] == b"ustar":
        return "archive", archive.load_tar, head

    enc, _ = detect_encoding(head)  # raises for binary input
    sample = head.decode(enc, errors="ignore").lstrip("\ufeff \t\r\n")
    if not sample.strip():
        raise LoadError("empty file (only white space)")
    first = sample.split("\n", 1)[0]
    if sample.startswith("<"):
        if _XML_PUBMED.search(sample):
            return "pubmed_xml", pubmed_xml.load, head
        if _XML_JATS.search(sample):
            return "jats", jats.load, head
        if _HTML.match(sample):
            raise LoadError("an HTML page: save it as plain text, or export the records (PubMed XML, MEDLINE, RIS, CSV)")
        raise LoadError("XML of an unknown kind (neither PubMed XML nor PMC/JATS)")
    if _MEDLINE.match(first):
        return "medline", medline.load, head
    if first.startswith("TY  - "):
        return "ris", ris.load, head
    if first[:1] in "{[":
        return "json", jsonl.load, head
    if table.has_abstract_header(first):
        return "table", table.load, head
    if source.suffixes and source.suffixes[-1] in _TABLE_SUFFIXES:
        raise LoadError(f"table without an abstract column (looked for one of: {', '.join(table.ABSTRACT_HEADERS)})")
    if source.suffixes and source.suffixes[-1] == ".ris":
        raise LoadError("RIS file that does not start with a 'TY  - ' line")
    return "text", text.load, head
