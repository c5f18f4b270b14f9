"""CSV/TSV exports with an abstract column (Scopus CSV, Web of Science tab-delimited, spreadsheets), streamed by rows."""

from __future__ import annotations

import csv
import re
import sys
from typing import Iterator, Optional

from ..models import Meta
from .common import strip_copyright, LoadError, Raw, Source, clean_title, find_doi, find_year, no_abstract_warning, norm_pages, open_text, squash

# Header names per field, lower-cased: Scopus CSV, Web of Science two-letter tags, common spreadsheet names.
ABSTRACT_HEADERS = ("abstract", "ab", "abstract text", "abstracttext", "abstract_text", "abstractnote", "abstract note")
_FIELDS = {
    "title": ("title", "article title", "document title", "ti", "articletitle", "article_title"),
    "authors": ("author full names", "authors", "author", "au", "af"),
    "journal": ("source title", "journal", "journal title", "so", "publication title", "source", "jt"),
    "year": ("year", "publication year", "py", "pubyear", "date"),
    "volume": ("volume", "vl", "vi"),
    "issue": ("issue", "is", "ip", "number"),
    "pages": ("pages", "pg", "page range"),
    "page_start": ("page start", "bp", "start page"),
    "page_end": ("page end", "ep", "end page"),
    "doi": ("doi", "di"),
    "pmid": ("pubmed id", "pmid", "pm", "pubmed_id"),
    "pmcid": ("pmcid", "pmc"),
    "keywords": ("author keywords", "keywords", "de", "kw", "ot"),
    "types": ("document type", "dt", "publication type", "pt"),
}
_ABSTRACT_SET = set(ABSTRACT_HEADERS)
_SCOPUS_NO_ABSTRACT = re.compile(r"^\[?no abstract available\]?$", re.I)
_NAME_ID = re.compile(r"\s*\(\d+\)\s*$")  # Scopus "Author full names": "Akaza, Hideyuki (7005566107)"

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _split_header(line: str) -> list[str]:
    delimiter = "\t" if "\t" in line else ","
    return [h.strip().strip('"').strip().lower() for h in next(csv.reader([line], delimiter=delimiter))]


def has_abstract_header(first_line: str) -> bool:
    if "\t" not in first_line and "," not in first_line:
        return False
    try:
        return bool(_ABSTRACT_SET.intersection(_split_header(first_line.lstrip("\ufeff"))))
    except csv.Error:
        return False


def load(source: Source, head: bytes) -> Iterator[Raw]:
    reader, warnings = open_text(source, head)
    rows = None
    with reader:
        try:
            header_line = reader.readline()
            delimiter = "\t" if "\t" in header_line else ","
            header = _split_header(header_line.lstrip("\ufeff"))
            col = _columns(header)
            if "abstract" not in col:
                raise LoadError("table without an abstract column")
            # WoS tab-delimited files are unquoted: quotes inside text are literal
            rows = csv.reader(reader, delimiter=delimiter, quoting=csv.QUOTE_NONE if delimiter == "\t" else csv.QUOTE_MINIMAL)
            for row in rows:
                if not any(cell.strip() for cell in row):
                    continue
                yield _record(row, col, warnings)
        except UnicodeDecodeError as exc:
            raise LoadError(f"undecodable bytes ({exc.reason}) in the table") from None
        except csv.Error as exc:
            raise LoadError(f"malformed table at line {rows.line_num if rows else 1}: {exc}") from None


def _columns(header: list[str]) -> dict[str, int]:
    col: dict[str, int] = {}
    for i, h in enumerate(header):
        if h in _ABSTRACT_SET and "abstract" not in col:
            col["abstract"] = i
    for field, names in _FIELDS.items():
        for name in names:  # in order of preference
            if name in header:
                col[field] = header.index(name)
                break
    return col


def _cell(row: list[str], col: dict[str, int], field: str) -> Optional[str]:
    i = col.get(field)
    return squash(row[i]) if i is not None and i < len(row) else None


def _authors(value: Optional[str]) -> list[str]:
    if not value:
        return []
    parts = re.split(r"\s*;\s*", value) if ";" in value else re.split(r"(?<=\.),\s*", value)
    names = []
    for part in parts:
        part = _NAME_ID.sub("", part).strip()
        if not part:
            continue
        last, sep, fore = part.partition(", ")
        names.append(f"{fore} {last}" if sep and fore else part)
    return names


def _record(row: list[str], col: dict[str, int], warnings) -> Raw:
    text = _cell(row, col, "abstract") or ""
    if _SCOPUS_NO_ABSTRACT.match(text):
        text = ""
    text = strip_copyright(text)
    pages = _cell(row, col, "pages")
    if not pages:
        start, end = _cell(row, col, "page_start"), _cell(row, col, "page_end")
        pages = f"{start}-{end}" if start and end else start
    keywords = _cell(row, col, "keywords")
    types = _cell(row, col, "types")
    pmid = _cell(row, col, "pmid")
    doi = _cell(row, col, "doi")
    meta = Meta(
        title=clean_title(_cell(row, col, "title")),
        authors=_authors(_cell(row, col, "authors")),
        journal=_cell(row, col, "journal"),
        year=find_year(_cell(row, col, "year")),
        volume=_cell(row, col, "volume"),
        issue=_cell(row, col, "issue"),
        pages=norm_pages(pages),
        doi=find_doi(doi) or doi,
        pmid=pmid if pmid and pmid.isdigit() else None,
        pmcid=_cell(row, col, "pmcid"),
        keywords=[k for k in (squash(k) for k in re.split(r"[;|]", keywords)) if k] if keywords else [],
        publication_types=[types] if types else [],
    )
    return Raw(text=text, meta=meta, warnings=list(warnings) + ([] if text else [no_abstract_warning()]))
