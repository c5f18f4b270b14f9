"""Phases: the real-phrase table tests/examples/phases.tsv and the two seeds, through the whole pipeline."""

import csv
from pathlib import Path

import pytest

from extractor import extract_text
from seeds import STEMS, seed_gold, seed_record

HERE = Path(__file__).resolve().parent


def _rows():
    with open(HERE / "examples" / "phases.tsv", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


ROWS = _rows()


def test_table_is_large_and_has_negatives():
    assert len(ROWS) >= 40
    assert sum(1 for r in ROWS if not r["phases"]) >= 10


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['pmid']}:{r['text'][:40]}" for r in ROWS])
def test_example_row(row):
    record = extract_text(row["text"], title=row["title"] or None)
    expected = [p for p in row["phases"].split(",") if p]
    assert record.phases == expected, row["note"]


@pytest.mark.parametrize("stem", STEMS)
def test_seed_phases_match_gold(stem):
    assert seed_record(stem).phases == seed_gold(stem)["phases"]


def test_title_alone_gives_the_phase_when_text_is_silent():
    # seed 2: "Phase i trial of sorafenib ..." is only in the title
    record = extract_text("Five patients had dose-limiting toxicities (DLTs).", title="Phase i trial of sorafenib")
    assert record.phases == ["1"]
