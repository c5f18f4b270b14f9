"""Counts through the real pipeline: the example table (tests/examples/counts.tsv) and the seeds' gold."""

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from extractor import extract_text

HERE = Path(__file__).resolve().parent
SPEC = Path(__file__).resolve().parents[2] / "shared" / "spec" / "gold-seeds"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


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


def seed_abstract(name: str) -> str:
    """The abstract part of a pasted seed page, between the boilerplate (as the corpus loader would cut it)."""
    text = (SEEDS / f"{name}.txt").read_text()
    if name.startswith("000"):
        return text[text.index("To confirm the usefulness"): text.index("Key words")].strip()
    return text[text.index("Background We investigated"): text.index("Original language")].strip()


@pytest.mark.parametrize("name", ["000_60d1e9a7e958879b", "001_c4ef20f2e1a93c35"])
def test_seed_counts_match_gold(name):
    gold = json.loads((SPEC / f"{name}.json").read_text())
    rec = extract_text(seed_abstract(name))
    # RECORDS.md §3: count = value and role; repetitions merge
    assert {(c.value, c.role) for c in rec.counts} == {(c["value"], c["role"]) for c in gold["counts"]}
