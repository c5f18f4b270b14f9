"""Rates through the real pipeline: the example table (tests/examples/rates.tsv), n/N inference and
consistency, and the seeds' gold (RECORDS.md §3 rate and rate.full)."""

import csv
from collections import Counter
from pathlib import Path

import pytest

from extractor import extract_text
from seeds import STEMS, seed_gold, seed_record

HERE = Path(__file__).resolve().parent


def _rows():
    with open(HERE / "examples" / "rates.tsv", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _opt(s: str):
    return int(s) if s else None


def _expected(cell: str) -> Counter:
    out = Counter()
    for item in filter(None, (x.strip() for x in cell.split(";"))):
        pct, n, N, kind = item.split("|")
        out[(round(float(pct), 2), _opt(n), _opt(N), kind)] += 1
    return out


ROWS = _rows()


def test_table_is_big_enough_and_has_negatives():
    assert len(ROWS) >= 40
    assert sum(1 for r in ROWS if not r["expected"].strip()) >= 10


@pytest.mark.parametrize("row", ROWS, ids=[r["phrase"][:50] for r in ROWS])
def test_example(row):
    rec = extract_text(row["phrase"])
    got = Counter((round(r.percent, 2), r.numerator, r.denominator, r.kind) for r in rec.rates)
    assert got == _expected(row["expected"]), row["note"]
    for r in rec.rates:
        assert rec.text[r.start:r.end] == r.text


def test_stated_n_of_N_agreeing_is_consistent():
    rec = extract_text("The response rate in phase 1 was 44.4% (4/9).")
    (rate,) = rec.rates
    assert rate.consistent is True and rate.inferred is False
    assert not [w for w in rec.warnings if w.code == "rate_mismatch"]


def test_disagreeing_n_of_N_warns_with_span():
    rec = extract_text("Over 24 h, 8/37 (22.6%) patients vomited.")
    (rate,) = rec.rates
    assert rate.consistent is False
    (w,) = [w for w in rec.warnings if w.code == "rate_mismatch"]
    assert rec.text[w.start:w.end] == "8/37 (22.6%)"


def test_only_n_of_N_gives_percent_to_one_decimal():
    rec = extract_text("A partial response was seen in 5 of 18 patients.")
    (rate,) = rec.rates
    assert (rate.percent, rate.numerator, rate.denominator, rate.kind) == (27.8, 5, 18, "partial_response")
    assert rate.consistent is None


def test_inference_from_counts_needs_a_unique_pair():
    text = ("A total of 18 patients received at least one dose of sorafenib. Five patients had confirmed "
            "partial response and 11 had stable disease, a response rate of 27.8%.")
    (rate,) = extract_text(text).rates
    assert (rate.numerator, rate.denominator, rate.inferred, rate.consistent) == (5, 18, True, None)
    # 25% is 1/4 of nothing here: no count of 4, 20, 44 ... so nothing is inferred
    (rate,) = extract_text("A total of 18 patients were treated. The response rate was 25%.").rates
    assert (rate.numerator, rate.denominator, rate.inferred) == (None, None, False)


@pytest.mark.parametrize("name", STEMS)
def test_seed_rates_match_gold(name):
    gold, rec = seed_gold(name), seed_record(name)
    got = {(round(r.percent, 1), r.kind, r.numerator, r.denominator) for r in rec.rates}
    want = {(round(g["percent"], 1), g["kind"], g["numerator"], g["denominator"]) for g in gold["rates"]}
    assert got == want
    inferred = {(round(r.percent, 1), r.inferred) for r in rec.rates}
    assert inferred == {(round(g["percent"], 1), g["inferred"]) for g in gold["rates"]}
