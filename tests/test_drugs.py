"""Drug recognizer: real phrases from abstracts.jsonl.gz with the DRUG entities they must give (tests/examples/drugs.tsv)."""

import csv
from pathlib import Path

import pytest

from extractor.annotate import annotate
from extractor.drugs import canonical_name

TABLE = Path(__file__).parent / "examples" / "drugs.tsv"
ROWS = list(csv.DictReader(TABLE.open(encoding="utf-8"), delimiter="\t"))


def _expected(cell: str) -> list[tuple[str, str]]:
    return [tuple(item.strip().rsplit("=", 1)) for item in cell.split(";") if item.strip()]


def test_table_is_big_enough():
    assert len(ROWS) >= 40
    assert sum(1 for r in ROWS if not r["expected"].strip()) >= 10  # negatives


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:40] for r in ROWS])
def test_drug_entities(row):
    doc = annotate(row["text"])
    got = [(e.text, e.kb_id_) for e in doc.ents]
    assert all(e.label_ == "DRUG" for e in doc.ents)
    assert got == _expected(row["expected"]), row["note"]


@pytest.mark.parametrize(
    "written, canonical",
    [("5-FU", "fluorouracil"), ("IFN-α", "interferon alfa"), ("interferon alfa-2a", "interferon alfa"),
     ("IL-2", "interleukin-2"), ("aldesleukin", "aldesleukin"), ("Sorafenib", "sorafenib"), ("MK-3475", "mk-3475"),
     ("BAY 43-9006", "bay 43-9006"), ("G-CSF", "filgrastim"), ("placebo", None), ("water", None), ("NCT01095302", None),
     ("C-reactive protein", None), ("s-1", None)],
)
def test_canonical_name(written, canonical):
    assert canonical_name(written) == canonical
