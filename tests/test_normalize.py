"""Normalization: real phrases from abstracts.jsonl.gz and the seeds, repaired or left alone (tests/examples/normalize.tsv)."""

import csv
from pathlib import Path

import pytest

from extractor.normalize import normalize

TABLE = Path(__file__).parent / "examples" / "normalize.tsv"
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))


def test_table_is_big_enough():
    assert len(ROWS) >= 40
    assert sum(1 for r in ROWS if not r["warnings"]) >= 15  # things that must be left alone


@pytest.mark.parametrize("row", ROWS, ids=[r["input"][:40] for r in ROWS])
def test_normalize(row):
    text, warnings = normalize(row["input"])
    assert text == row["expected"], row["note"]
    assert sorted(w.code for w in warnings) == sorted(c for c in row["warnings"].split(",") if c)
    for w in warnings:
        if w.start is not None:
            # the span points at the repaired text, inside the normalized text
            assert 0 <= w.start < w.end <= len(text)
            assert text[w.start:w.end] in w.message


def test_seed_document_repairs():
    seed = (Path(__file__).parent.parent / "corpus" / "seeds" / "001_c4ef20f2e1a93c35.txt").read_text(encoding="utf-8")
    text, warnings = normalize(seed)
    assert "interferon α-2a (IFN)" in text and "á" not in text
    assert {"greek_letter", "phase_numeral"} <= {w.code for w in warnings}
    assert "Phase I trial of sorafenib" in text
