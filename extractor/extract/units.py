"""Dose units as abstracts write them: spellings -> canonical unit, and conversion to the base unit of the family.

A dose unit is a numerator (mass, activity, AUC, Gy), an optional per-body part (/kg, /m2) and an optional per-time
part (/day, /week, /h). pint does the numerator conversions; IU, U, JRU and AUC are defined as their own dimensions so
that they can never convert into each other or into mass (RECORDS.md). All factors are computed once at import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import pint
import regex

_ureg = pint.UnitRegistry()
# Own dimensions: biological activity units are not interconvertible (an IU of IL-2 is no IU of heparin, still less a U
# or a JRU), and carboplatin's AUC target is a dose metric of its own.
_ureg.define("international_unit = [iu_activity] = IU")
_ureg.define("million_international_unit = 1e6 * international_unit = MIU")
_ureg.define("enzyme_unit = [u_activity] = EU")
_ureg.define("japan_reference_unit = [jru_activity] = JRU")
_ureg.define("auc_dose = [auc_target] = AUCdose")

# canonical numerator -> (pint unit, base numerator)
_NUMERATORS = {
    "g": ("gram", "mg"),
    "mg": ("milligram", "mg"),
    "µg": ("microgram", "mg"),
    "ng": ("nanogram", "mg"),
    "IU": ("international_unit", "IU"),
    "MIU": ("million_international_unit", "IU"),
    "U": ("enzyme_unit", "U"),
    "JRU": ("japan_reference_unit", "JRU"),
    "AUC": ("auc_dose", "AUC"),
    "Gy": ("gray", "Gy"),
    "cGy": ("centigray", "Gy"),
}
_BASE_PINT = {"mg": "milligram", "IU": "international_unit", "U": "enzyme_unit", "JRU": "japan_reference_unit",
              "AUC": "auc_dose", "Gy": "gray"}
FACTORS: dict[str, float] = {
    canon: float(_ureg.Quantity(1.0, pint_name).to(_BASE_PINT[base]).magnitude)
    for canon, (pint_name, base) in _NUMERATORS.items()
}
BASE_OF = {canon: base for canon, (_, base) in _NUMERATORS.items()}


def convert(value: float, numerator: str, to: str) -> float:
    """Convert with pint (raises pint.DimensionalityError across families, e.g. IU -> JRU or IU -> mg)."""
    return float(_ureg.Quantity(value, _NUMERATORS[numerator][0]).to(_NUMERATORS[to][0]).magnitude)


# --- spellings ---------------------------------------------------------------------------------------------------
# (pattern, canonical numerator). Case matters for the short forms (U, MU, g) and not for words: (?i:...) inline.
_NUMERATOR_SPELLINGS = [
    (r"(?i:million\s+(?:international\s+)?units?)(?:\s*\((?:MIU|MU|IU)\))?", "MIU"),
    (r"(?i:mega[\s-]?units?)", "MIU"),
    (r"M\s?IU|MU", "MIU"),
    (r"(?i:international\s+units?)(?:\s*\(IU\))?", "IU"),
    (r"I\.U\.|IU", "IU"),
    (r"(?i:Japan(?:ese)?\s+reference\s+units?)(?:\s*\(JRU\))?|JRU", "JRU"),
    (r"(?i:units?)|U", "U"),
    (r"(?i:milligrams?|mgs?)", "mg"),
    # "microg", "micro g", "mu g", "mug": µ spelled out or lost in older PubMed records ("0.5 microg/kg", "200 mu g")
    (r"(?i:micrograms?|micro\s?g|mu\s?g|(?:µ|μ|u|mc)g)", "µg"),
    (r"(?i:nanograms?)|ng", "ng"),
    (r"(?i:grams?)|g", "g"),
    (r"cGy|(?i:centigray)", "cGy"),
    (r"Gy|(?i:gray)", "Gy"),
]
# kg-1, kg(-1), kg^-1, kg⁻¹; a ")" only with its "(": "(300 mg m−2)" ends before the parenthesis that holds the dose
_INV = r"(?:\s*\(\s*[-−–]\s*1\s*\)|\s*[-−–]\s*1(?!\d)|\s*\^\s*[-−]1|⁻¹)"
_INV2 = r"(?:\s*\(\s*[-−–]\s*2\s*\)|\s*[-−–]\s*2(?!\d)|\s*\^\s*[-−]2|⁻²)"  # m-2, m(-2)
_PER = r"(?:\s*/\s*|\s*·\s*|\s+(?i:per)\s+)"  # "/", "·" (mg·kg−1), "per"
_KG = r"(?i:kilograms?(?:\s+of\s+(?:body[\s-]?)?weight)?|kg(?:\s*(?:of\s+)?(?:body[\s-]?)?weight|\s*bw)?)"
_M2 = (r"(?i:square\s+met(?:er|re)s?(?:\s+of\s+body[\s-]?surface(?:\s+area)?)?)(?:\s*\(m2\))?|sqm|"
       r"m\s?\(\s?2\s?\)|m\s?\^?\s?2(?!\d)|m²")
# "mg.kg(-1)", "mg x kg(-1)", "microg.kg(-1).h(-1)": the exponent notation with a dot or "x" for the product; only
# with the exponent, so a sentence's full stop ("10 mg. Kg ...") stays out
_DOT = r"\s?[.x×]\s?"
_BODY = (rf"(?:{_PER}(?:(?P<kg>{_KG}){_INV}?|(?P<m2>{_M2}|m{_INV2}))"
         rf"|\s*(?:(?P<kg2>kg){_INV}|(?P<m22>m){_INV2})|{_DOT}(?:(?P<kg3>kg){_INV}|(?P<m23>m){_INV2}))")
_FLAT = r"\s*/\s*(?i:body|person|patient)\b"  # "/person", "/body": flat doses, the unit stays without them
_TIME_WORDS = [
    (r"(?i:days?|daily|d(?![a-z])|24\s*h(?:ours?|rs?)?)", "/day"),  # "75 mg/daily of clopidogrel"
    (r"(?i:weeks?|wk)", "/week"),
    (r"(?i:hours?|hr?(?![a-z]))", "/h"),
    (r"(?i:min(?:ute)?s?(?![a-z]))", "/min"),
]
_TIME = (r"(?:" + _PER + "(?:" + "|".join(f"(?P<t{i}>{p})" for i, (p, _) in enumerate(_TIME_WORDS)) + rf"){_INV}?"
         rf"|\s*·?\s*(?P<t0b>d){_INV}|\s+(?P<t0c>day){_INV}"
         rf"|(?:{_DOT}|\s)(?:(?P<tdh>h|hrs?|hours?)|(?P<tdm>min(?:utes?)?)|(?P<tdd>d|days?)){_INV})")

NUMERATOR = "(?:" + "|".join(p for p, _ in _NUMERATOR_SPELLINGS) + ")"
_NUMERATOR_RES = [(regex.compile(rf"(?:{p})"), c) for p, c in _NUMERATOR_SPELLINGS]

# A whole dose unit. The per-time part needs "/", "per" or an exponent: "400 mg daily" is mg + frequency, not mg/day.
UNIT = (
    rf"(?P<num>{NUMERATOR})(?!\w)"
    rf"(?:(?P<body>{_BODY})(?![a-zA-Z]))?"
    rf"(?P<flat>{_FLAT})?"
    rf"(?:(?P<time>{_TIME})(?![a-zA-Z]))?"
)


@dataclass(frozen=True)
class Unit:
    unit: str        # canonical spelling as stated: "MIU/m2", "mg/kg/day"
    base_unit: str   # base numerator + the same per-body/per-time parts: "IU/m2", "mg/kg/day"
    factor: float    # value * factor = amount in base_unit


def numerator_of(text: str) -> Optional[str]:
    for rx, canon in _NUMERATOR_RES:
        if rx.fullmatch(text):
            return canon
    return None


def _time_suffix(m) -> str:
    if m.group("tdh"):
        return "/h"
    if m.group("tdm"):
        return "/min"
    for i, (_, canon) in enumerate(_TIME_WORDS):
        if m.group(f"t{i}"):
            return canon
    return "/day"  # the d-1 / day-1 forms


def unit_from_match(m) -> Optional[Unit]:
    """A match of UNIT (as part of any compiled pattern) -> Unit; None if it is not a dose unit."""
    numerator = numerator_of(m.group("num"))
    if numerator is None:
        return None
    suffix = ""
    if m.group("body"):
        suffix += "/kg" if (m.group("kg") or m.group("kg2") or m.group("kg3")) else "/m2"
    if m.group("time"):
        suffix += _time_suffix(m)
    return Unit(unit=numerator + suffix, base_unit=BASE_OF[numerator] + suffix, factor=FACTORS[numerator])


UNIT_RE = regex.compile(UNIT)


def parse_unit(text: str) -> Optional[Unit]:
    """A unit string as written ("mg per square meter of body-surface area") -> Unit, or None."""
    m = UNIT_RE.fullmatch(text.strip())
    return unit_from_match(m) if m else None
