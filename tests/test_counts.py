"""Counts through the real pipeline: the example table (tests/examples/counts.tsv) and the seeds' gold."""

import csv
from collections import Counter
from pathlib import Path

import pytest

from extractor import extract_text
from seeds import STEMS, seed_gold, seed_record

HERE = Path(__file__).resolve().parent


def _rows():
    with open(HERE / "examples" / "counts.tsv", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _expected(cell: str) -> Counter:
    out = Counter()
    for item in filter(None, (x.strip() for x in cell.split(";"))):
        value, role = item.split(":")
        out[(int(value), role)] += 1
    return out


ROWS = _rows()


def test_table_is_big_enough_and_has_negatives():
    assert len(ROWS) >= 40
    assert sum(1 for r in ROWS if not r["expected"].strip()) >= 8


@pytest.mark.parametrize("row", ROWS, ids=[r["phrase"][:50] for r in ROWS])
def test_example(row):
    rec = extract_text(row["phrase"])
    got = Counter((c.value, c.role) for c in rec.counts)
    assert got == _expected(row["expected"]), row["note"]
    for c in rec.counts:
        assert rec.text[c.start:c.end] == c.text


@pytest.mark.parametrize("name", STEMS)
def test_seed_counts_match_gold(name):
    gold, rec = seed_gold(name), seed_record(name)
    # RECORDS.md §3: count = value and role; repetitions merge
    assert {(c.value, c.role) for c in rec.counts} == {(c["value"], c["role"]) for c in gold["counts"]}
