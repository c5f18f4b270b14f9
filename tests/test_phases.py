"""Phases: the real-phrase table tests/examples/phases.tsv and the two seeds, through the whole pipeline."""

import csv
import json
from pathlib import Path

import pytest

from extractor import extract_text

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = {
    # file stem: (text that opens the abstract body, text that ends it) — the rest is page boilerplate
    "000_60d1e9a7e958879b": ("To confirm the usefulness", "\n\nKey words"),
    "001_c4ef20f2e1a93c35": ("Background We investigated", "\n\nOriginal language"),
}


def _rows():
    with open(HERE / "examples" / "phases.tsv", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


ROWS = _rows()


def seed_abstract(stem: str) -> tuple[str, dict]:
    raw = (SHARED / "seeds" / f"{stem}.txt").read_text()
    opening, ending = SEEDS[stem]
    start = raw.index(opening)
    text = raw[start:raw.index(ending, start)].strip()
    gold = json.loads((SHARED / "spec" / "gold-seeds" / f"{stem}.json").read_text())
    return text, gold


def test_table_is_large_and_has_negatives():
    assert len(ROWS) >= 40
    assert sum(1 for r in ROWS if not r["phases"]) >= 10


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['pmid']}:{r['text'][:40]}" for r in ROWS])
def test_example_row(row):
    record = extract_text(row["text"], title=row["title"] or None)
    expected = [p for p in row["phases"].split(",") if p]
    assert record.phases == expected, row["note"]


@pytest.mark.parametrize("stem", sorted(SEEDS))
def test_seed_phases_match_gold(stem):
    text, gold = seed_abstract(stem)
    record = extract_text(text, title=gold["meta"]["title"])
    assert record.phases == gold["phases"]


def test_title_alone_gives_the_phase_when_text_is_silent():
    # seed 2: "Phase i trial of sorafenib ..." is only in the title
    record = extract_text("Five patients had dose-limiting toxicities (DLTs).", title="Phase i trial of sorafenib")
    assert record.phases == ["1"]
