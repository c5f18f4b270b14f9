"""The loader's real-world phrases (tests/examples/load_text.tsv): keyword runs, page labels, titles, names, markup."""

from pathlib import Path

import pytest
from lxml import etree

from extractor.load.common import clean_title
from extractor.load.text import _FURNITURE, _Page, _is_name_list, _split_keywords, _take_label
from extractor.load.xmlsafe import inline_text

TABLE = Path(__file__).parent / "examples" / "load_text.tsv"
ROWS = [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_table_is_well_formed():
    assert len(ROWS) >= 40
    assert all(len(r) == 3 for r in ROWS), [r for r in ROWS if len(r) != 3]


def _label_result(line: str) -> str:
    page = _Page()
    if _FURNITURE.match(line):
        return "drop"
    if not _take_label(page, line):
        return "prose"
    found = dict(page.meta)
    if page.years:
        found["year"] = next(iter(page.years.values()))
    return "; ".join(f"{k}={v}" for k, v in found.items()) or "drop"


def _first_block_role(page: str) -> str:
    from extractor.load.text import _parse_page

    raw = _parse_page(page)
    return "title" if raw.meta.title else "abstract"


@pytest.mark.parametrize("rule,given,expected", ROWS, ids=[f"{r[0]}:{r[1][:40]}" for r in ROWS])
def test_example(rule, given, expected):
    if rule == "keywords":
        assert " | ".join(_split_keywords([given])) == expected
    elif rule == "label":
        assert _label_result(given) == expected
    elif rule == "title":
        assert clean_title(given) == expected
    elif rule == "first_block":
        # a real second paragraph after the blank line, as in corpus/ files
        page = given + "\n\nPatients were randomized to receive placebo or the study drug for 12 weeks.\n"
        assert _first_block_role(page) == expected
    elif rule == "names":
        names = _is_name_list([given])
        assert (" | ".join(names) if names else "none") == expected
    elif rule == "sup":
        elem = etree.fromstring(f"<AbstractText>{given}</AbstractText>")
        assert inline_text(elem) == expected
    else:
        raise AssertionError(f"unknown rule {rule!r}")
