"""Adverse events: the real-phrase table tests/examples/adverse_events.tsv and the two seeds, through the pipeline.

Each table row lists every event the phrase names (term|grades|count|percent|dlt; empty fields are not
checked) — the extractor must find exactly those (term, grades) pairs, so a row with no events is a
negative: nothing may be extracted from it.
"""

import csv
from pathlib import Path

import pytest

from extractor import extract_text
from seeds import STEMS, seed_gold, seed_record

HERE = Path(__file__).resolve().parent


def _rows():
    with open(HERE / "examples" / "adverse_events.tsv", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


def _expected(cell: str) -> list[dict]:
    events = []
    for item in filter(None, (x.strip() for x in cell.split(";;"))):
        term, grades, count, percent, dlt = item.split("|")
        events.append({
            "term": term.lower(), "grades": [int(g) for g in grades.split(",") if g],
            "count": int(count) if count else None, "percent": float(percent) if percent else None,
            "dose_limiting": dlt == "dlt",
        })
    return events


ROWS = _rows()


def test_table_is_large_and_has_negatives():
    assert len(ROWS) >= 40
    assert sum(1 for r in ROWS if not r["events"]) >= 10


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['pmid']}:{r['text'][:40]}" for r in ROWS])
def test_example_row(row):
    record = extract_text(row["text"])
    for ae in record.adverse_events:
        assert record.text[ae.start:ae.end] == ae.text
    got = {(ae.term.lower(), tuple(ae.grades)): ae for ae in record.adverse_events}
    expected = _expected(row["events"])
    assert set(got) == {(e["term"], tuple(e["grades"])) for e in expected}, row["note"]
    for e in expected:
        ae = got[(e["term"], tuple(e["grades"]))]
        if e["count"] is not None:
            assert ae.count == e["count"]
        if e["percent"] is not None:
            assert ae.percent == e["percent"]
        assert ae.dose_limiting == e["dose_limiting"]


FIELDS = ("term", "grades", "count", "percent", "dose_limiting", "group")


@pytest.mark.parametrize("stem", STEMS)
def test_seed_adverse_events_match_gold(stem):
    gold, record = seed_gold(stem), seed_record(stem)
    got = sorted(
        (ae.term.lower(), ae.grades, ae.count, ae.percent, ae.dose_limiting, ae.group) for ae in record.adverse_events
    )
    want = sorted(tuple(g[f].lower() if f == "term" else g[f] for f in FIELDS) for g in gold["adverse_events"])
    assert got == want


@pytest.mark.parametrize("phrase", [
    # events named only as absent or not increased (ANNOTATION.md)
    "There was no grade 4 toxicity and no serious AEs were reported.",
    "Treatment was given without increases in fever or infection.",
    "All 18 patients experienced at least one treatment-emergent adverse event (AE).",
])
def test_absent_events_are_not_events(phrase):
    assert extract_text(phrase).adverse_events == []
