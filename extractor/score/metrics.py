"""The metrics of RECORDS.md §3: what each compares, when a predicted fact matches a gold fact.

Each metric has a `key` (what facts are merged by before matching, so repetition neither costs nor
earns) and a `matches(pred, gold)` test. Facts are plain dicts here so that predicted records, gold
records and a second curator's gold records are scored alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import regex

AMOUNT_TOLERANCE = 0.005  # dose amounts match within 0.5%
FREQUENCY_TOLERANCE = 0.01  # per-day frequencies match within 1%
PERCENT_TOLERANCE = 0.05  # rates match within 0.05 percentage points
PERIOD_DAYS = {"day": 1.0, "week": 7.0, "month": 30.0}

_NON_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")


def squash(name: Optional[str]) -> str:
    """Drug names compare lower-cased with non-alphanumerics removed ("IFN-α" ~ "ifnα")."""
    return _NON_ALNUM.sub("", name or "").lower()


def amount_range(dose: dict) -> tuple[float, Optional[float]]:
    """(amount, amount of the range's upper end) in the base unit; the upper end scales like `value`."""
    amount = float(dose["amount"])
    value_max = dose.get("value_max")
    if value_max is None:
        return amount, None
    value = float(dose.get("value") or 0.0)
    factor = amount / value if value else 1.0
    return amount, float(value_max) * factor


def per_day(frequency: Optional[dict]) -> Optional[float]:
    if not frequency:
        return None
    return float(frequency["times"]) / (float(frequency["every"]) * PERIOD_DAYS[frequency["period"]])


def _close(a: float, b: float, rel: float) -> bool:
    if a == b:
        return True
    return abs(a - b) <= rel * max(abs(a), abs(b))


def _sig(x: Optional[float]) -> Optional[float]:
    return None if x is None else float(f"{x:.6g}")


# ---- dose.amount ---------------------------------------------------------------------------------

def dose_amount_key(d: dict):
    low, high = amount_range(d)
    return (d["base_unit"], _sig(low), _sig(high))


def dose_amount_match(p: dict, g: dict) -> bool:
    if p["base_unit"] != g["base_unit"]:
        return False
    (pl, ph), (gl, gh) = amount_range(p), amount_range(g)
    if not _close(pl, gl, AMOUNT_TOLERANCE):
        return False
    if (ph is None) != (gh is None):
        return False
    return ph is None or _close(ph, gh, AMOUNT_TOLERANCE)


# ---- dose.regimen --------------------------------------------------------------------------------

def gold_drug_names(g: dict) -> set[str]:
    return {squash(n) for n in [g.get("drug_name"), *(g.get("aliases") or [])] if squash(n)}


def pred_drug_names(p: dict) -> set[str]:
    names = {squash(p.get("drug_name")), squash(p.get("drug"))}
    names.discard("")
    return names


def frequency_match(p: dict, g: dict) -> bool:
    pf, gf = per_day(p.get("frequency")), per_day(g.get("frequency"))
    if pf is None or gf is None:
        return pf is None and gf is None
    return _close(pf, gf, FREQUENCY_TOLERANCE)


def dose_regimen_key(d: dict):
    pd = per_day(d.get("frequency"))
    names = tuple(sorted(gold_drug_names(d) | pred_drug_names(d)))
    return (*dose_amount_key(d), names, _sig(pd))


def dose_regimen_match(p: dict, g: dict) -> bool:
    return (
        dose_amount_match(p, g)
        and bool(pred_drug_names(p) & gold_drug_names(g))
        and frequency_match(p, g)
    )


# ---- counts --------------------------------------------------------------------------------------

def count_key(c: dict):
    return (int(c["value"]), c["role"])


def count_match(p: dict, g: dict) -> bool:
    return int(p["value"]) == int(g["value"]) and p["role"] == g["role"]


def count_value_key(c: dict):
    return int(c["value"])


def count_value_match(p: dict, g: dict) -> bool:
    return int(p["value"]) == int(g["value"])


# ---- rates ---------------------------------------------------------------------------------------

def rate_key(r: dict):
    return round(float(r["percent"]), 2)


def rate_match(p: dict, g: dict) -> bool:
    return abs(float(p["percent"]) - float(g["percent"])) <= PERCENT_TOLERANCE + 1e-9


def rate_full_key(r: dict):
    return (rate_key(r), r.get("kind"), r.get("numerator"), r.get("denominator"))


def rate_full_match(p: dict, g: dict) -> bool:
    if not rate_match(p, g) or p.get("kind") != g.get("kind"):
        return False
    for part in ("numerator", "denominator"):
        if g.get(part) is not None and p.get(part) != g.get(part):
            return False
    return True


# ---- adverse events ------------------------------------------------------------------------------

def _term(t: Optional[str]) -> str:
    return " ".join((t or "").lower().split())


def ae_key(a: dict):
    return (_term(a["term"]), tuple(sorted(a.get("grades") or [])))


def ae_match(p: dict, g: dict) -> bool:
    terms = {_term(g["term"]), *(_term(x) for x in (g.get("aliases") or []))}
    return _term(p["term"]) in terms and sorted(p.get("grades") or []) == sorted(g.get("grades") or [])


@dataclass(frozen=True)
class Metric:
    name: str
    facts: str  # which fact list of the record
    key: Callable[[dict], object]
    matches: Callable[[dict, dict], bool]


FACT_METRICS = (
    Metric("dose.amount", "doses", dose_amount_key, dose_amount_match),
    Metric("dose.regimen", "doses", dose_regimen_key, dose_regimen_match),
    Metric("count", "counts", count_key, count_match),
    Metric("count.value", "counts", count_value_key, count_value_match),
    Metric("rate", "rates", rate_key, rate_match),
    Metric("rate.full", "rates", rate_full_key, rate_full_match),
    Metric("adverse_event", "adverse_events", ae_key, ae_match),
)
META_FIELDS = ("title", "journal", "doi", "year", "authors")


def fold_meta(value) -> object:
    """Meta values compare after case-folding and collapsing white space (lists item by item)."""
    if isinstance(value, list):
        return [fold_meta(v) for v in value]
    if value is None:
        return None
    return " ".join(str(value).casefold().split())
