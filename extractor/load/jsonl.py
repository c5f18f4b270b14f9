"""JSON Lines (one record per line, .jsonl/.jsonl.gz) with a text/abstract field; a small JSON array too."""

from __future__ import annotations

import json
from typing import Iterator

from ..models import Meta
from . import LoadFailure
from .common import MAX_WHOLE_TEXT, LoadError, Raw, Source, clean_title, find_year, iter_lines, no_abstract_warning, norm_pages, open_text, read_whole_text, squash

_TEXT_KEYS = ("abstract", "text", "abstract_text", "AbstractText", "Abstract", "AB", "body")


def load(source: Source, head: bytes) -> Iterator:
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":
        text, warnings = read_whole_text(source, head, MAX_WHOLE_TEXT)
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise LoadError("JSON array that is not a list of records")
        if items and not any(_has_text_field(i) for i in items):
            raise LoadError(f"JSON records without a text field (looked for: {', '.join(_TEXT_KEYS)})")
        for item in items:
            yield _record(item, warnings)
        return
    reader, warnings = open_text(source, head)
    seen_text_field = False
    with reader:
        for n, line in enumerate(iter_lines(reader), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                # one bad line costs one record, not the file
                yield LoadFailure(source.name, f"line {n}: malformed JSON ({exc.msg} at column {exc.colno}); line skipped")
                continue
            if not isinstance(item, dict):
                yield LoadFailure(source.name, f"line {n}: not a JSON object; line skipped")
                continue
            if not seen_text_field:
                if not _has_text_field(item):
                    raise LoadError(f"JSON lines without a text field (looked for: {', '.join(_TEXT_KEYS)})")
                seen_text_field = True
            yield _record(item, warnings)


def _has_text_field(item: dict) -> bool:
    return any(k in item for k in _TEXT_KEYS)


def _s(value):
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    return squash(value) if isinstance(value, str) else None


def _record(item: dict, warnings) -> Raw:
    text = next((item[k] for k in _TEXT_KEYS if isinstance(item.get(k), str) and item[k].strip()), "")
    authors = item.get("authors") or []
    if isinstance(authors, str):
        authors = [a.strip() for a in authors.split(";") if a.strip()]
    keywords = item.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(";") if k.strip()]
    pmcid = _s(item.get("pmcid"))
    meta = Meta(
        title=clean_title(_s(item.get("title"))),
        authors=[a for a in (_s(a) for a in authors) if a],
        journal=_s(item.get("journal")),
        year=find_year(_s(item.get("year"))),
        volume=_s(item.get("volume")),
        issue=_s(item.get("issue")),
        pages=norm_pages(_s(item.get("pages"))),
        doi=_s(item.get("doi")),
        pmid=_s(item.get("pmid")),
        pmcid=pmcid,
        keywords=[k for k in (_s(k) for k in keywords) if k],
        publication_types=[t for t in (_s(t) for t in item.get("publication_types") or []) if t],
    )
    return Raw(text=text.strip(), meta=meta, warnings=list(warnings) + ([] if text.strip() else [no_abstract_warning()]))
