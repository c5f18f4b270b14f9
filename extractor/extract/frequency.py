"""Dosing schedules as abstracts write them -> {times, every, period} (RECORDS.md Dose.frequency).

A schedule is read from the words that follow a dose (up to the next dose or clause break). It is built from parts:
administrations per day ("twice daily", "q8h"), per week ("three times a week", "for 5 days a week"), intervals
("every 3 weeks", "q2w", "monthly"), treatment days within a cycle ("days 1 and 8 of a 21-day cycle", "days 1-5 every
28 days"), "weekly for 3 of every 4 weeks" and on/off schedules ("21 days on / 7 days off"). The parts are combined
into one rate; a part that cannot be placed in a rate ("on days 1-5" with no cycle) gives no frequency rather than a
guessed one. "continuous" alone, a single dose, or nothing: None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

_WORD_NUMS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fourteen": 14, "twenty-one": 21, "twenty-eight": 28,
    "other": 2, "second": 2, "third": 3, "fourth": 4, "2nd": 2, "3rd": 3, "4th": 4, "sixth": 6,
}
N = r"(?:\d+|" + "|".join(sorted(_WORD_NUMS, key=len, reverse=True)) + r")"
_DAYNUM = r"\d{1,2}"

# Named parts. Every group name says what the part contributes; the numbers are in the groups n1/n2.
_PARTS = [
    # x of every y weeks: "weekly for 3 of every 4 weeks", "3 out of 4 weeks"
    ("x_of_y_weeks", rf"(?:weekly\s+)?(?:for\s+)?(?P<xy1>{N})\s+(?:of|out\s+of)\s+(?:every\s+|each\s+)?(?P<xy2>{N})\s+(?P<xyu>weeks|days)"),
    # on/off: "21 days on / 7 days off", "21-days-on, 7-days-off", "4 weeks on, 2 weeks off", "3 weeks on/1 week off"
    ("on_off", rf"(?:for\s+)?(?P<on>{N})[\s-]*(?P<onu>days?|weeks?)[\s-]*on\s*(?:[,/;]|and|followed\s+by)?\s*"
               rf"(?P<off>{N})[\s-]*(?P<offu>days?|weeks?)[\s-]*off"),
    ("on_off", rf"(?:for\s+)?(?P<on>{N})\s+(?:consecutive\s+)?(?P<onu>days?|weeks?)\s*(?:of\s+treatment\s*)?,?\s*"
               rf"(?:followed\s+by|then)\s+(?:(?:a\s+)?(?P<off>{N})[\s-]+|(?P<off>a|one)\s+)(?P<offu>days?|weeks?)\s*(?:off|of\s+rest|rest(?:\s+(?:period|interval))?|"
               rf"without\s+treatment|treatment[\s-]free(?:\s+interval|\s+period)?|break)"),
    # per week: "three times a week", "3 times weekly", "twice weekly", "for 5 days a week", "5 days per week"
    ("per_week", rf"(?P<pw>{N}|twice|thrice)\s+times?\s+(?:a|per|each|every)\s+week|(?P<pw>twice|thrice)\s+(?:a|per|each|every)\s+week|"
                 rf"(?P<pw>twice|thrice|{N}\s+times)[\s-]+weekly|"
                 rf"(?:for\s+|on\s+)?(?P<pw>{N})\s+(?:consecutive\s+)?days?\s+(?:a|per|each|every|/)\s*week|"
                 rf"(?P<pw>{N})\s+days\s+weekly"),
    # "20 mg/kg/day in two divided doses": administrations a day, whatever else the schedule says
    ("divided", r"in\s+(?P<dv>two|three|four|[234])\s+(?:equally\s+)?divided\s+doses"),
    # per month: "on 6 days per month", "for 10 days every month"
    ("per_month", rf"(?:for\s+|on\s+)?(?P<pm>{N})\s+(?:consecutive\s+)?days?\s+(?:a|per|each|every|/)\s*month"),
    # per day
    ("per_day", r"(?P<pd1>once)[\s-]+(?:a[\s-]+)?daily|(?P<pd1>once)\s+(?:a|per|each|every)\s+day|"
                r"\b(?P<pd1>q\.?d\.?|QD|o\.?d\.?|OD)(?![\w.])|\b(?P<pd1>daily)|(?P<pd1>every|each)\s+day(?![\s-]*\d)|"
                r"(?P<pd1>every|each|once\s+(?:an?|per))\s+(?:evening|morning|night)|\b(?P<pd1>nightly|at\s+bedtime)\b"),
    ("per_day", rf"(?P<pd2>twice|two\s+times|2\s*times|2\s?[x×])[\s-]+(?:a[\s-]+|per\s+|each\s+)?da(?:y|ily)|"
                r"\b(?P<pd2>b\.?i\.?d\.?|BID|b\.d\.|bd|BD)(?![\w.])"),
    ("per_day", rf"(?P<pd3>three\s+times|thrice|3\s*times|3\s?[x×])[\s-]+(?:a[\s-]+|per\s+|each\s+)?da(?:y|ily)|"
                r"\b(?P<pd3>t\.?i\.?d\.?|TID|tds|t\.d\.s\.)(?![\w.])"),
    ("per_day", rf"(?P<pd4>four\s+times|4\s*times|4\s?[x×])[\s-]+(?:a[\s-]+|per\s+|each\s+)?da(?:y|ily)|"
                r"\b(?P<pd4>q\.?i\.?d\.?|QID|q\.d\.s\.|qds|QDS)(?![\w.])"),
    # "/8 h", "/2 weeks", "/3 months" after an amount ("2 g over 30 min/8 h", "100,000 IU/3 months"): an interval
    # "every hour", "4-hourly", "at 8-hourly intervals"
    ("every_hours", r"every\s+(?P<eh>\d+)\s*(?:h|hrs?|hours?)\b|every\s+(?P<eh1>hour)\b|\b(?P<eh>\d+)[\s-]hourly\b|\bq\s?(?P<eh>\d+)\s?(?:h|hrs?)\b|/\s*(?P<eh>\d+)\s*(?:h|hrs?|hours?)\b"),
    # cycles: "21-day cycle", "28-day cycles", "3-week cycle", "cycle of 21 days"
    ("cycle", rf"(?P<cy>{N})[\s-]*(?P<cyu>days?|weeks?)[\s-]+(?:treatment\s+)?cycles?|"
              rf"cycles?\s+of\s+(?P<cy>{N})\s+(?P<cyu>days?|weeks?)|"
              rf"(?:repeated|every|each)\s+(?P<cy>{N})\s+(?P<cyu>days)|"
              # "every 3rd day", "every other day", "every second day": an interval in days, singular
              rf"every\s+(?P<cy>other|second|third|fourth|\d(?:nd|rd|th))\s+(?P<cyu>day)\b|\bq\s?(?P<cy>\d+)\s?(?P<cyu>days?|d)\b"),
    # intervals
    ("every_weeks", rf"every\s+(?P<ew>{N})\s*(?:-\s*)?(?:weeks?|wks?\b)|\bq\s?(?P<ew>\d)\s?w(?:ks?|eeks?)?\b|"
                    rf"\b(?P<ew>{N})[\s-]weekly|(?P<ew2>bi-?weekly|fortnightly|every\s+other\s+week)|/\s*(?P<ew>\d+)\s*(?:weeks?|wks?)\b"),
    ("weekly", r"\b(?:once[\s-]+)?weekly|once\s+(?:a|per|each|every)\s+week|(?:every|each)\s+week|\bq\.?w\.?k?\b|QW\b"),
    ("monthly", rf"every\s+(?P<em>{N})\s+months?|/\s*(?P<em>\d+)\s*(?:months?|mo)\b|\bq\s?(?P<em>\d+)\s?m(?:o|onths?)?\b|(?P<em1>(?:once\s+)?monthly|once\s+(?:a|per|every|each)\s+month|"
                rf"every\s+month)|(?P<em3>quarterly)"),
    # treatment days: "days 1 and 8", "on days 1, 8 and 15", "days 1-5", "d1-14", "day 1"
    ("days", rf"\b(?:on\s+)?(?:days?|d)\s?(?P<dl>{_DAYNUM}(?:\s*(?:-|–|to|through)\s*(?:days?\s?|d)?{_DAYNUM})?"
             rf"(?:\s*(?:,\s*and|,|and|&|\+)\s*(?:days?\s*|d\s?)?{_DAYNUM}(?:\s*(?:-|–|to|through)\s*(?:days?\s?|d)?{_DAYNUM})?)*)\b"),
    # "for 5 days", "for the first 14 days (of each 21 day cycle)", "for the last 14 days of each 28 day cycle"
    ("for_days", rf"(?:for|[×x])\s*(?:the\s+(?:first|last|initial)\s+)?(?P<fd>{N})\s+(?:consecutive\s+)?days"),
    ("for_weeks", rf"for\s+(?P<fw>{N})\s+(?:consecutive\s+)?weeks"),
]

# A part never starts inside a word: the lookbehind fails fast there, so scanning a window costs a few µs, not 1 ms
_PART_RE = regex.compile(
    "(?:(?<![A-Za-z])|(?=/))(?:" + "|".join(f"(?P<{kind}_{i}>{pat})" for i, (kind, pat) in enumerate(_PARTS)) + ")",
    regex.IGNORECASE,
)
_KIND_OF = {f"{kind}_{i}": kind for i, (kind, _) in enumerate(_PARTS)}
# A part only counts when it is a word of its own
_RANGE_SPLIT = regex.compile(r"\s*(?:-|–|to|through)\s*(?:days?\s?|d)?", regex.IGNORECASE)
_LIST_SPLIT = regex.compile(r"\s*(?:,\s*and|,|and|&|\+)\s*(?:days?\s*|d\s?)?", regex.IGNORECASE)

# Words that may sit between schedule parts; anything else ends the schedule.
_GLUE = regex.compile(
    r"^(?:\s|[,(\[]|\)|\([A-Z][A-Za-z0-9/-]{1,12}\)|\(\s*[nN]\s*=\s*\d+\s*\)|both|all|of|a|an|the|each|every|on|in|for|and|once|given|administered|added|continued|was|were|is|are|via|by|route|injected|infused|dose|doses|repeated|then|as|"
    r"(?:\d+|" + "|".join(_WORD_NUMS) + r")\s+(?:days?|weeks?|months?|years?|cycles?|courses?)|"
    r"cycles?|courses?|schedule|regimen|continuous(?:ly)?|orally|oral|intravenously|intravenous|"
    # "two inhalations bid", "(1 inhalation twice daily)": the units of one dose, then its schedule
    r"(?:one|two|three|four|\d)\s+(?:inhalations?|puffs?|actuations?|sprays?|drops?)|"
    r"subcutaneous(?:ly)?|intramuscular(?:ly)?|intravenous(?:ly)?|infusions?|injections?|tablets?|capsules?|vaginal(?:ly)?|rectal(?:ly)?|sublingual(?:ly)?|(?:intra)?nasal(?:ly)?|topical(?:ly)?|inhaled|i\.v\.|p\.o\.|s\.c\.|i\.m\.|IV|PO|SC|IM|"
    r"\d+(?:-?\s*(?:-|to)\s*\d+)?[\s-]*(?:h|hours?|min(?:utes?)?)(?:\s+(?:intravenous\s+)?(?:infusions?|bolus))?|"
    r"at\s+least|up\s+to|until\s+\w+(?:\s+\w+)?|over\s+\d+\s*(?:min(?:utes)?|h(?:ours?)?)|by\s+mouth|starting|"
    r"(?:level|cohort|arm|group)s?\s+[\w ,]+?)*$",
    regex.IGNORECASE,
)


def _num(s: str) -> Optional[float]:
    s = s.strip().lower()
    if s.isdigit():
        return float(s)
    return float(_WORD_NUMS[s]) if s in _WORD_NUMS else None


@dataclass
class Schedule:
    frequency: Optional[dict]
    start: int
    end: int
    # the parts read (kind -> match): a dose may complete them with a cycle written elsewhere ("days 1 and 8" +
    # "cycles were repeated every 3 weeks") or with its per-week unit ("30 mg/m2/week for 3 weeks, then 1 week off")
    parts: Optional[dict] = None

    def completed(self, cycle_days: Optional[float] = None, weekly: bool = False,
                  daily_amount: bool = False) -> Optional[dict]:
        if not self.parts:
            return self.frequency  # built by the caller from words outside the part table
        return _combine(self.parts, cycle_days, weekly, daily_amount)

    @property
    def needs_weekly(self) -> bool:
        """"for 3 consecutive weeks, followed by 1 week off" alone: a rate only with a weekly unit or word
        ("30 mg/m2/week for 3 consecutive weeks, followed by 1 week off" = 3 of every 4 weeks)."""
        return self.frequency is None and set(self.parts or ()) == {"on_off"}

    @property
    def needs_cycle(self) -> bool:
        """Treatment days with no cycle length of their own ("on days 1 and 8", "d1-d14")."""
        p = self.parts or {}
        return "days" in p and not ({"cycle", "every_weeks", "on_off", "x_of_y_weeks"} & p.keys())


# A cycle length written anywhere: "every 3 weeks", "every 28 days", "q21d", "q3w", "3-weekly", "21-day cycles",
# "cycles of 28 days", "cycles were 28 days in length".
CYCLE_RE = regex.compile(
    rf"\bevery\s+(?P<n>{N})\s*(?:-\s*)?(?P<u>weeks?|wks?|days)\b|\bq\s?(?P<n>\d{{1,2}})\s?(?P<u>d|days?|w|wks?|weeks?)\b|"
    rf"\b(?P<n>{N})[\s-]weekly\b|\b(?P<n>{N})[\s-]*(?P<u>days?|weeks?)[\s-]+(?:treatment\s+)?(?:cycles?|courses?)\b|"
    rf"\b(?:cycles?|courses?)\s+(?:of|(?:were|was|lasted)(?:\s+repeated\s+every)?)\s+(?P<n>{N})\s+(?P<u>days?|weeks?)",
    regex.IGNORECASE,
)


def cycle_days(m: regex.Match) -> Optional[float]:
    """Days in the cycle a CYCLE_RE match names."""
    n = _num(m.group("n"))
    if not n:
        return None
    unit = (m.group("u") or "week").lower()
    return n if unit.startswith("d") else n * 7


def _count_days(spec: str) -> int:
    total = 0
    for item in _LIST_SPLIT.split(spec):
        item = item.strip()
        if not item:
            continue
        ends = _RANGE_SPLIT.split(item)
        if len(ends) == 2 and ends[0].isdigit() and ends[1].isdigit() and int(ends[1]) >= int(ends[0]):
            total += int(ends[1]) - int(ends[0]) + 1
        elif item.isdigit():
            total += 1
    return total


def _days(n: float, unit: str) -> float:
    return n * 7 if unit.lower().startswith("week") else n


def _interval(days: float) -> dict:
    """Once every `days` days, in weeks when it is a whole number of weeks (ANNOTATION.md: every 21 days = q3w)."""
    if days % 7 == 0:
        return {"times": 1, "every": int(days // 7), "period": "week"}
    return {"times": 1, "every": days, "period": "day"}


def parse_schedule(text: str, start: int, end: int) -> Optional[Schedule]:
    """Read the schedule in text[start:end] (the words after a dose). Parts must follow one another with only
    glue words between them; the first non-schedule words end the schedule."""
    parts: dict[str, regex.Match] = {}
    first = last = None
    pos = start
    for m in _PART_RE.finditer(text, start, end):
        gap = text[pos:m.start()]
        if not _GLUE.match(gap):
            break
        kind = next(v for k, v in _KIND_OF.items() if m.start(k) >= 0)
        if kind in parts:
            # a second part of the same kind belongs to another regimen ("... every 3 weeks ... every 4 weeks")
            break
        parts[kind] = m
        first = m.start() if first is None else first
        last = m.end()
        pos = m.end()
    if not parts:
        return None
    return Schedule(_combine(parts), first, last, parts)


def _combine(p: dict[str, regex.Match], outer_cycle: Optional[float] = None, weekly: bool = False,
             daily_amount: bool = False) -> Optional[dict]:
    """The parts as one rate. outer_cycle: a cycle length in days written outside the schedule (used only when the
    schedule names none); weekly: the dose's unit is per week; daily_amount: the unit is per day, so "twice daily"
    only splits the day's amount and counts no extra administrations."""
    weekly = weekly or "weekly" in p
    per_day = None
    if "per_day" in p:
        g = p["per_day"]
        per_day = next(float(k[-1]) for k in ("pd1", "pd2", "pd3", "pd4") if g.group(k))
    elif "every_hours" in p:
        h = 1.0 if p["every_hours"].group("eh1") else float(p["every_hours"].group("eh"))
        if 1 <= h <= 24:
            per_day = 24.0 / h
    if per_day is None and "divided" in p:
        per_day = _num(p["divided"].group("dv"))
    mult = 1 if daily_amount else (per_day or 1)
    cycle = None  # days
    if "cycle" in p:
        c = p["cycle"]
        n = _num(c.group("cy"))
        cycle = _days(n, c.group("cyu")) if n else None
    every_weeks = None
    if "every_weeks" in p:
        e = p["every_weeks"]
        every_weeks = 2.0 if e.group("ew2") else _num(e.group("ew"))

    if "on_off" in p:
        o = p["on_off"]
        on, off = _num(o.group("on")), (1.0 if o.group("off").lower() == "a" else _num(o.group("off")))
        if on and off and not per_day and not weekly and o.group("onu").lower().startswith("week") and \
                regex.search(r"(?i)\b(?:followed|then)\b", o.group(0)):
            return None  # "for 6 weeks, followed by a 2-week rest" says nothing of how often within the weeks
        if on and off:
            on_d, off_d = _days(on, o.group("onu")), _days(off, o.group("offu"))
            if weekly and not per_day and on_d % 7 == 0 and off_d % 7 == 0:
                return {"times": on_d / 7, "every": (on_d + off_d) / 7, "period": "week"}  # weekly for 6 weeks, 2 off
            return {"times": on_d * mult, "every": on_d + off_d, "period": "day"}
    if "x_of_y_weeks" in p:
        x, y = _num(p["x_of_y_weeks"].group("xy1")), _num(p["x_of_y_weeks"].group("xy2"))
        if x and y and x < y and p["x_of_y_weeks"].group("xyu").lower() == "days":
            return {"times": x * mult, "every": y, "period": "day"}
        if x and y and x < y:
            if per_day:
                return {"times": x * 7 * mult, "every": y * 7, "period": "day"}
            return {"times": x, "every": y, "period": "week"}
    cycle_days = cycle or (every_weeks * 7 if every_weeks else None)
    own_cycle = cycle_days is not None
    if cycle_days is None:
        cycle_days = outer_cycle
    if "days" in p and cycle_days:
        n = _count_days(p["days"].group("dl"))
        if 0 < n <= cycle_days:
            return {"times": n * mult, "every": cycle_days, "period": "day"}
        return None
    if "for_days" in p and cycle_days and (per_day or "weekly" not in p):
        n = _num(p["for_days"].group("fd"))
        if n and n < cycle_days:
            return {"times": n * mult, "every": cycle_days, "period": "day"}
    if weekly and "for_weeks" in p and cycle_days:
        n = _num(p["for_weeks"].group("fw"))
        if n and n * 7 < cycle_days:
            return {"times": n, "every": cycle_days / 7, "period": "week"}
    if "per_month" in p:
        n = _num(p["per_month"].group("pm"))
        return {"times": n * mult, "every": 1, "period": "month"} if n and n <= 31 else None
    if "per_week" in p:
        n = _num(regex.sub(r"\s*times$", "", p["per_week"].group("pw"), flags=regex.I)) or {
            "twice": 2.0, "thrice": 3.0}.get(p["per_week"].group("pw").lower())
        if n and n <= 7:
            return {"times": n * mult, "every": 1, "period": "week"}
        return None
    if per_day:
        return {"times": per_day, "every": 1, "period": "day"}
    if weekly:
        return {"times": 1, "every": 1, "period": "week"}
    if every_weeks:
        return {"times": 1, "every": every_weeks, "period": "week"}
    if "cycle" in p and cycle and p["cycle"].group(0).lower().startswith(("every", "repeated", "each")):
        return _interval(cycle)
    if "monthly" in p:
        m = p["monthly"]
        if m.group("em3"):
            return {"times": 1, "every": 3, "period": "month"}
        n = 1.0 if m.group("em1") else _num(m.group("em"))
        return {"times": 1, "every": n, "period": "month"} if n else None
    return None
