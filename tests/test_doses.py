"""Doses on real abstract text, through the real pipeline (normalize -> annotate -> extract -> validate).

The phrase table tests/examples/doses.tsv is the specification: each row is a real phrase from
../shared/data/abstracts.jsonl.gz (or a seed) and every dose it must yield, negatives ("-") included.
"""

import json
from pathlib import Path

import pytest

from extractor import extract_text

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TABLE = ROOT / "tests" / "examples" / "doses.tsv"


def _rows():
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, phrase, expected = line.split("\t")
            yield pytest.param(phrase, expected, id=source)


def _fact(d):
    freq = ""
    if d.frequency:
        freq = f"{d.frequency.times:g}/{d.frequency.every:g}/{d.frequency.period}"
    value = (round(d.value, 6), None if d.value_max is None else round(d.value_max, 6))
    return value, d.unit, round(d.amount, 9), d.base_unit, freq, d.route or ""


def _value(s):
    low, _, high = s.partition("-")
    return round(float(low), 6), (round(float(high), 6) if high else None)


def _norm(s):
    return "".join(c for c in (s or "").lower() if c.isalnum())


def test_table_has_enough_real_rows():
    rows = list(_rows())
    assert len(rows) >= 40
    assert sum(r.values[1] == "-" for r in rows) >= 8


@pytest.mark.parametrize("phrase,expected", list(_rows()))
def test_dose_phrase(phrase, expected):
    record = extract_text(phrase)
    for d in record.doses:  # evidence is exact
        assert record.text[d.start:d.end] == d.text
    got = [_fact(d) for d in record.doses]
    if expected == "-":
        assert got == []
        return
    want = []
    for fact in expected.split(" ; "):
        drug, value, unit, amount, base, freq, route = fact.split("|")
        want.append((drug, (_value(value), unit, round(float(amount), 9), base, freq, route)))
    assert len(got) == len(want), got
    for d, g, (drug, w) in zip(record.doses, got, want):
        if w[5] == "*":
            g, w = g[:5], w[:5]
        assert g == w
        if drug != "*":
            names = {_norm(d.drug_name), _norm(d.drug)} - {""}
            assert (_norm(drug) in names) if drug else not names


def _seed_abstract(name: str) -> str:
    raw = (SHARED / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
    if name.startswith("000"):
        start = raw.index("To confirm the usefulness")
        end = raw.index("Key words")
    else:
        start = raw.index("Background We investigated")
        end = raw.index("Original language")
    return raw[start:end].strip()


def _regimen_key(d, aliases=None):
    per_day = round(d["frequency"]["times"] / (d["frequency"]["every"] * {"day": 1, "week": 7, "month": 30}[
        d["frequency"]["period"]]), 4) if d.get("frequency") else None
    return d["base_unit"], round(d["amount"], 3), d.get("value_max"), per_day


@pytest.mark.parametrize("name", ["000_60d1e9a7e958879b", "001_c4ef20f2e1a93c35"])
def test_seed_doses_match_gold(name):
    gold = json.loads((SHARED / "spec" / "gold-seeds" / f"{name}.json").read_text(encoding="utf-8"))["doses"]
    record = extract_text(_seed_abstract(name))
    predicted = [d.model_dump() for d in record.doses]
    # every gold dose is found with its amount, unit, drug (or an alias), frequency, route and group
    for g in gold:
        names = {_norm(g["drug_name"]), *(_norm(a) for a in g.get("aliases") or [])}
        hits = [p for p in predicted
                if _regimen_key(p) == _regimen_key(g) and p["unit"] == g["unit"] and p["value"] == g["value"]
                and ({_norm(p["drug_name"]), _norm(p["drug"])} & names)
                and p["group"] == g["group"] and p["route"] == g["route"]
                and p["frequency_text"] == g["frequency_text"]]
        assert hits, f"gold dose not found: {g}"
    # and nothing else: every prediction is one of the gold regimens (repeats in the conclusions merge)
    gold_keys = {_regimen_key(g) for g in gold}
    assert all(_regimen_key(p) in gold_keys for p in predicted)
