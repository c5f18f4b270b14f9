"""RIS (Scopus, Web of Science, EndNote, Zotero exports), parsed by `rispy` one record at a time.

Records are cut at "ER  -" lines and each handed to rispy, so a large export is never read whole.
"""

from __future__ import annotations

import re
from typing import Iterator

import rispy

from ..models import Meta
from .common import strip_copyright, LoadError, Raw, Source, clean_title, find_doi, find_year, iter_lines, no_abstract_warning, norm_pages, open_text, squash

_END = re.compile(r"^ER\s{2}-")
_PMID = re.compile(r"^\d{1,9}$")


def load(source: Source, head: bytes) -> Iterator[Raw]:
    reader, warnings = open_text(source, head)
    with reader:
        chunk: list[str] = []
        for line in iter_lines(reader):
            chunk.append(line)
            if _END.match(line):
                yield from _parse("\n".join(chunk) + "\n", warnings)
                chunk = []
        if any(line.strip() for line in chunk):
            # rispy needs the closing ER line; a truncated last record is still worth reading
            yield from _parse("\n".join(chunk) + "\nER  - \n", warnings)


def _parse(text: str, warnings) -> Iterator[Raw]:
    try:
        entries = rispy.loads(text, skip_unknown_tags=True)
    except Exception as exc:  # rispy raises IOError/ValueError variants on damage
        raise LoadError(f"malformed RIS record: {exc}") from None
    for entry in entries:
        yield _record(entry, warnings)


def _first(entry: dict, *keys):
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = next((v for v in value if squash(v)), None)
        value = squash(value) if isinstance(value, str) else value
        if value:
            return value
    return None


def _record(entry: dict, warnings) -> Raw:
    authors = []
    for key in ("authors", "first_authors"):
        for name in entry.get(key) or []:
            name = squash(name)
            if name:
                last, sep, fore = name.partition(", ")
                authors.append(f"{fore} {last}" if sep and fore else name)
        if authors:
            break
    start, end = _first(entry, "start_page"), _first(entry, "end_page")
    pages = f"{start}-{end}" if start and end and start != end else start
    doi = _first(entry, "doi")
    doi = find_doi(doi) or doi if doi else find_doi(" ".join(entry.get("urls") or []))
    pmid = _first(entry, "accession_number")
    pmid = pmid if pmid and _PMID.match(pmid) and "pubmed" in str(entry.get("name_of_database", "")).lower() else None
    text = _first(entry, "abstract", "notes_abstract") or ""
    text = strip_copyright(text)
    meta = Meta(
        title=clean_title(_first(entry, "title", "primary_title", "translated_title")),
        authors=authors,
        journal=_first(entry, "secondary_title", "journal_name", "alternate_title3", "alternate_title1", "alternate_title2"),
        year=find_year(str(_first(entry, "year", "publication_year", "date") or "")),
        volume=_first(entry, "volume"),
        issue=_first(entry, "number"),
        pages=norm_pages(pages),
        doi=doi,
        pmid=pmid,
        keywords=[k for k in (squash(k) for k in entry.get("keywords") or []) if k],
        publication_types=[t for t in [_first(entry, "type_of_reference")] if t],
    )
    return Raw(text=text, meta=meta, warnings=list(warnings) + ([] if text else [no_abstract_warning()]))
