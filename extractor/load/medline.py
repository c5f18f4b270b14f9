"""MEDLINE / .nbib text (PubMed "PMID- " export): tags padded to 4 characters, "- ", 6-space continuation lines.

Streamed line by line; records start at each "PMID- " line (exports separate them by blank lines).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..models import Meta
from .common import Raw, Source, clean_title, find_year, iter_lines, no_abstract_warning, norm_pages, open_text, squash

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*- (.*)$")
_ID_KIND = re.compile(r"^(.*?)\s*\[(\w+)\]\s*$")


def load(source: Source, head: bytes) -> Iterator[Raw]:
    reader, warnings = open_text(source, head)
    with reader:
        fields: list[list[str]] = []  # [tag, value] in file order
        for line in iter_lines(reader):
            if line.startswith("      ") and fields:  # continuation of the previous tag
                fields[-1][1] += " " + line.strip()
                continue
            m = _TAG_LINE.match(line)
            if not m:
                continue  # blank separator lines and stray text
            tag, value = m.group(1), m.group(2)
            if tag == "PMID" and fields:
                yield _record(fields, warnings)
                fields = []
            fields.append([tag, value.strip()])
        if fields:
            yield _record(fields, warnings)


def _record(fields: list[list[str]], warnings) -> Raw:
    by: dict[str, list[str]] = {}
    for tag, value in fields:
        by.setdefault(tag, []).append(squash(value) or "")

    def one(*tags):
        for tag in tags:
            if by.get(tag) and by[tag][0]:
                return by[tag][0]
        return None

    authors = [_full_name(v) for v in by.get("FAU", [])] or [v for v in by.get("AU", []) if v]
    doi = pmcid = None
    for value in by.get("LID", []) + by.get("AID", []):
        m = _ID_KIND.match(value)
        if m and m.group(2).lower() == "doi" and not doi:
            doi = m.group(1)
    pmc = one("PMC")
    if pmc:
        pmcid = pmc
    text = " ".join(v for v in by.get("AB", []) if v)
    meta = Meta(
        title=clean_title(one("TI", "BTI")),
        authors=authors,
        journal=one("JT", "TA"),
        year=find_year(one("DP")),
        volume=one("VI"),
        issue=one("IP"),
        pages=norm_pages(one("PG")),
        doi=doi,
        pmid=one("PMID"),
        pmcid=pmcid,
        keywords=[v for v in by.get("OT", []) if v],
        publication_types=[v for v in by.get("PT", []) if v],
    )
    return Raw(text=text, meta=meta, warnings=list(warnings) + ([] if text else [no_abstract_warning()]))


def _full_name(fau: str) -> str:
    """ "Dong, XinQi" -> "XinQi Dong" (the "Fore Last" order of every other loader)."""
    last, sep, fore = fau.partition(", ")
    return f"{fore} {last}" if sep and fore else fau
