"""Extractor: adverse events (term as written, CTCAE grades, patients with it, percent, dose-limiting, group).

How abstracts name toxicities, and what this module reads:
- a known term (extractor/data/ae_terms.txt, hand-compiled from CTCAE v5 and abstract usage): "neutropenia";
- a category term, a modifier before symptoms/abnormalities/toxicity/reactions: "flu-like symptoms",
  "leukocyte abnormalities", "hematologic toxicity";
- an umbrella term ("treatment-related adverse events") only with a percent: alone it names no event;
- lists after a head ("The most common AEs included ...", "DLTs were ...", "Grade 3-4 toxicities included
  ..."): items inherit the head's grades and its dose-limiting flag; lab names CTCAE v3 used as terms
  ("platelets", "hemoglobin") count only there.
Only sentences about toxicity are read (a cue word, or an occurrence verb in a document that speaks of
toxicity); background, aims and eligibility are skipped, and an event named as absent ("no grade 4
toxicity", "without fever") is not an event. Prefer missing a fact to inventing one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import regex
from spacy.tokens import Doc

from ..models import AdverseEvent
from .numbers import NUMBER_WORD, parse_number

if TYPE_CHECKING:
    from . import Found

_DATA = Path(__file__).resolve().parents[1] / "data" / "ae_terms.txt"


def _load_terms() -> tuple[list[str], set[str]]:
    terms, list_only = [], set()
    for line in _DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, _, tag = line.partition("\t")
        term = term.strip().lower()
        terms.append(term)
        if tag.strip() == "list":
            list_only.add(term)
    return terms, list_only


_TERMS, _LIST_ONLY = _load_terms()


def _term_pattern(term: str) -> str:
    # spaces and hyphens are interchangeable in abstracts ("flu like", "hand-foot", "hand foot")
    parts = [regex.escape(p) for p in regex.split(r"[\s-]+", term)]
    return r"[\s-]+".join(parts)


# longest first so "febrile neutropenia" wins over "neutropenia"; plural "s"/"es" optional
TERM_RE = regex.compile(
    r"(?<![\w-])(?:" + "|".join(_term_pattern(t) for t in sorted(set(_TERMS), key=len, reverse=True))
    + r")(?:e?s)?(?![\w-])",
    regex.IGNORECASE,
)

# Modifiers that do not make a category term specific ("grade 3 toxicity", "acceptable toxicity").
_NOT_MODIFIER = set("""
a an the no any all other others these those this that such their its his her our most more less main major minor
overall common frequent frequently serious severe mild moderate significant acceptable manageable tolerable
limited low lower high higher increased decreased cumulative total unacceptable expected unexpected excessive
similar different observed reported related treatment-related drug-related treatment-emergent dose-limiting
adverse and or of with in to for by from at as on was were be been is are had has have grade grades late acute
new only some several many few rare notable relevant reversible transient clinically clinical important
including included include includes consisted comprised were was observed noted seen due
but greater less fewer worse better equivalent comparable principal primary predominant dominant leading
""".split())
_CATEGORY_HEAD = r"(?:symptoms|abnormalities|abnormality|toxicity|toxicities|reactions)"
CATEGORY_RE = regex.compile(
    rf"(?<![\w-])(?P<mods>(?:[A-Za-z][\w-]*\s+){{1,2}})(?P<head>{_CATEGORY_HEAD})(?![\w-])", regex.IGNORECASE
)
UMBRELLA_RE = regex.compile(
    r"(?<![\w-])(?:(?:treatment|drug|study[\s-]drug|therapy|immune)[\s-](?:related|emergent)\s+|serious\s+)?"
    r"(?:adverse\s+(?:events?|reactions?|effects?|drug\s+reactions?)|T?E?AEs|SAEs|AEs?|toxicities|side[\s-]effects)"
    r"(?![\w-])",
    regex.IGNORECASE,
)

_N = r"(?:[0-5]|V|IV|III|II|I)(?![\w])"
# "grade 3", "grade 3/4", "grade 3 or 4", "grade 3-4", "grades 3 and 4", "grade 3 and grade 4",
# "grade ≥3", "grade ≥ III", "grade 3 or higher", "grade > 2"; optionally preceded by the scale ("CTCAE")
GRADE_RE = regex.compile(
    rf"(?:(?:NCI[\s-]*)?(?:CTCAE|CTC|WHO|RTOG)(?:\s*v?[\d.]+)?\s+)?\bgrades?\s*"
    rf"(?P<spec>(?:≥|>=|=>|>|≤|<=)\s*{_N}"
    rf"|{_N}(?:\s*(?:/|-|–|to|or|and|,)\s*(?:grades?\s*)?{_N})*(?:\s*(?:\+|or\s+(?:higher|greater|above|more|worse)|and\s+(?:higher|above)))?)",
    regex.IGNORECASE,
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}


def _grade_values(spec: str) -> list[int]:
    nums = [int(n) if n.isdigit() else _ROMAN[n.lower()] for n in regex.findall(r"[0-5]|V|IV|III|II|I", spec, flags=regex.I)]
    if not nums:
        return []
    s = spec.strip()
    if s.startswith((">=", "≥", "=>")) or regex.search(r"\+|higher|greater|above|more|worse", s, regex.I):
        return list(range(nums[0], 6))
    if s.startswith(">"):
        return list(range(nums[0] + 1, 6))
    if s.startswith(("≤", "<=")):
        return list(range(1, nums[0] + 1))
    if len(nums) == 2 and regex.search(r"-|–|\bto\b", s):
        return list(range(min(nums), max(nums) + 1))
    return sorted(set(nums))


# a grade expression that ends right before a term (allowing a severity word between)
_GRADE_BEFORE_RE = regex.compile(
    GRADE_RE.pattern + r"\s*(?:\((?:[^()]{0,20})\)\s*)?(?:(?:severe|acute|late)\s+)?$", regex.IGNORECASE
)
# a grade written right after the term: "neurotoxicity grade ≥ 2 was ..."
_GRADE_AFTER_RE = regex.compile(r"\s*,?\s*(?=grade)" + GRADE_RE.pattern, regex.IGNORECASE)
# a grade written right after the term: "neurotoxicity grade ≥ 2 was ..."
_GRADE_AFTER_RE = regex.compile(r"\s*,?\s*(?=grade)" + GRADE_RE.pattern, regex.IGNORECASE)
# list heads: "The most common grade 3/4 AEs were", "DLTs were", "Toxicities observed were primarily",
# "dose-limiting toxicity was", "common WHO grade 3/4 toxicities were"
LIST_HEAD_RE = regex.compile(
    r"(?P<head>\b(?:DLTs?|dose[\s-]limiting\s+toxicit(?:y|ies)|adverse\s+(?:events?|reactions?|effects?)"
    r"|T?E?AEs?|SAEs|toxicit(?:y|ies)|side[\s-]effects?|events))"
    r"(?:\s*\([^()]{0,30}\))?(?:\s+(?:observed|reported|seen|noted|encountered|recorded))?"
    # "AEs for ibrutinib versus placebo arms included", "AEs in both groups were"
    r"(?:\s+(?:for|in|with|among|across|of)\s+[^.;:()]{1,50}?)?"
    r"(?:\s+(?:\([^()]{0,30}\)\s*)?(?:were|was|included|include|including|consisted\s+of|comprised|being)|\s*:|,?\s+such\s+as|,?\s+namely)"
    r"(?:\s+(?:primarily|mainly|mostly|predominantly|chiefly))?",
    regex.IGNORECASE,
)
_DLT_RE = regex.compile(r"\bDLTs?\b|dose[\s-]limiting", regex.IGNORECASE)

# Sentence filters
_CUE_RE = regex.compile(
    r"advers|toxic|side[\s-]effect|\bgrades?\s*(?:[0-5≥>]|I)|\bDLTs?\b|dose[\s-]limiting|\bT?E?AEs?\b|\bSAEs?\b|CTCAE",
    regex.IGNORECASE,
)
_OCCUR_RE = regex.compile(
    r"(?<![\w-])(?:observed|occurred|occurring|experienced|developed|reported|noted|seen|encountered|suffered)\b",
    regex.IGNORECASE,
)
# aims, methods and background: the events they name are not results of this trial
_SKIP_SENT_RE = regex.compile(
    r"\b(?:to\s+(?:evaluate|assess|compare|determine|investigate|examine|reduce|prevent|minimi[sz]e)"
    r"|aims?\b|aimed|objectives?|purpose|hypothes\w+|end[\s-]?points?|were\s+(?:recorded|assessed|evaluated|monitored|graded|measured|collected)"
    r"|was\s+(?:recorded|assessed|evaluated|monitored|graded|measured|defined)|eligib\w+|inclusion|exclusion"
    r"|history\s+of|at\s+baseline|pre-?existing|is\s+an?\b|are\s+(?:common|known)|known|may|might|can|could|would|should|will"
    r"|include|includes)\b",
    regex.IGNORECASE,
)
_FIGURE_RE = regex.compile(r"\d\s*%|\bin\s+\w+\s+(?:patients?|subjects?|participants?|cases?)\b", regex.IGNORECASE)
_NEG_RE = regex.compile(
    r"\b(?:no|not|without|none|neither|nor|absence|absent|free\s+of|lack\s+of|never)\b",
    regex.IGNORECASE,
)
_NEG_AFTER_RE = regex.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:was|were|did|had)\s+(?:not|never)\b|\s*(?:was|were)\s+(?:absent|rare)\b", regex.IGNORECASE
)
_CLAUSE_BREAK_RE = regex.compile(r"[;:]|,\s*(?:but|whereas|while|although|however)\b|\b(?:but|whereas|although)\b")
_MOST_RE = regex.compile(r"\bmost\s+(?:\w+\s+){0,2}$", regex.IGNORECASE)
_REASON_RE = regex.compile(r"(?:because\s+of|due\s+to|owing\s+to|for)\s*$", regex.IGNORECASE)
_AT_LEAST_ONE_RE = regex.compile(r"(?:at\s+least\s+(?:one|1)|any|≥\s*1|one\s+or\s+more)\s*$", regex.IGNORECASE)

_NUM = rf"(?:\d+|{NUMBER_WORD}(?:[\s-]+{NUMBER_WORD})*)"
_PCT = r"(?P<pct>\d+(?:\.\d+)?)\s*%"
_WHO = r"(?:patients?|pts|subjects?|participants?|cases?|children|women|men|individuals)"
_GROUP = r"(?:\s*\b(?:at|in)\s+(?P<group>(?:dose\s+)?level\s+(?:[IVX]+|\d+)|cohort\s+\d+))?"
# after the term: "in 35%", "in 1 patient each", "in four DLT patients", "in 5 (10%) patients", "in 5 of 40 patients"
_AFTER_FIG_RE = regex.compile(
    rf"\s*,?\s*(?:(?:which|that)\s+)?(?:(?:was|were)\s+)?(?:(?:observed|reported|seen|noted|occurred|occurring|developed|experienced|recorded|found)\s+)?"
    rf"{_GROUP}\s*(?:in\s+)?"
    rf"(?:{_PCT}|(?P<n>{_NUM})\s*(?:\((?P<pct2>\d+(?:\.\d+)?)\s*%\)\s*)?(?:of\s+\d+\s+)?(?:\w+\s+)?{_WHO}\b(?:\s*\((?P<pct3>\d+(?:\.\d+)?)\s*%\))?)",
    regex.IGNORECASE,
)
# "(20%)", "(60 [17%])", "[n = 5]"
_PAREN_RE = regex.compile(r"\s*(?:\((?P<body>[^()]{1,80})\)|\[(?P<body2>[^\[\]]{1,80})\])")
_CI_RE = regex.compile(r"\d+(?:\.\d+)?\s*%\s*(?:CI|confidence)", regex.IGNORECASE)
# before the term: "five patients had", "2 (5%) patients developed"
_BEFORE_FIG_RE = regex.compile(
    rf"(?<![\w.])(?P<n>{_NUM})\s*(?:\((?P<pct>\d+(?:\.\d+)?)\s*%\)\s*)?{_WHO}\s*(?:\((?P<pct2>\d+(?:\.\d+)?)\s*%\)\s*)?"
    rf"(?:had|developed|experienced|suffered(?:\s+from)?|presented\s+with)\s+$",
    regex.IGNORECASE,
)


def _parse_count(s: Optional[str]) -> Optional[int]:
    if not s:
        return None
    v = parse_number(s)
    return int(v) if v is not None and v == int(v) else None


def _paren_figures(body: str) -> tuple[Optional[int], Optional[float], list[int]]:
    """'20%', 'n = 5', '5 patients', '5/30, 17%', 'grade 3/4 in 18% of patients'; several arms: nothing."""
    grades = []
    g = GRADE_RE.search(body)
    if g:
        grades = _grade_values(g.group("spec"))
    if regex.search(r"\bvs\.?\b|versus|\band\b.*%", body, regex.I):
        return None, None, grades
    pcts = regex.findall(r"(\d+(?:\.\d+)?)\s*%", _CI_RE.sub(" ", body))
    pct = float(pcts[0]) if len(pcts) == 1 else None
    count = None
    m = regex.match(r"\s*(?:n\s*=\s*)?(\d+)(?:\s*(?:/|of)\s*\d+)?\s*(?:patients?|pts|cases)?\s*(?:[,;\[(]|$)", body, regex.I)
    if m and not regex.match(r"\s*\d+(?:\.\d+)?\s*%", body):
        count = int(m.group(1))
    return count, pct, grades


def _sentence_ok(text: str, s: int, e: int, doc_has_cue: bool) -> bool:
    sent = text[s:e]
    # an occurrence verb reads as toxicity in a document that speaks of it, or when a figure goes with it
    # ("A transient rash was observed in 22.7%")
    if not (_CUE_RE.search(sent) or (_OCCUR_RE.search(sent) and (doc_has_cue or _FIGURE_RE.search(sent)))):
        return False
    return not _SKIP_SENT_RE.search(sent)


def _negated(text: str, s: int, start: int, end: int, e: int) -> bool:
    clause_start = s
    for m in _CLAUSE_BREAK_RE.finditer(text, s, start):
        clause_start = m.end()
    if _NEG_RE.search(text, clause_start, start):
        return True
    return bool(_NEG_AFTER_RE.match(text, end, e))


def _category_span(m, sentence_start: int) -> Optional[tuple[int, int]]:
    words = list(regex.finditer(r"[\w-]+", m.group("mods")))
    keep = []
    for w in reversed(words):
        word = w.group(0).lower()
        # adverbs ("primarily", "mainly") and numbers never start a term; a capitalised word inside the
        # sentence is a drug or a name ("CsA or Tac toxicity"), not a kind of toxicity
        if word in _NOT_MODIFIER or word[0].isdigit() or word.endswith("ly"):
            break
        if any(c.isupper() for c in w.group(0)) and m.start("mods") + w.start() != sentence_start:
            break
        keep.append(w)
    if not keep:
        return None
    return m.start("mods") + keep[-1].start(), m.end("head")


def _mentions(text: str, s: int, e: int, in_list: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of term mentions in text[s:e]; longer spans win where they overlap."""
    found = []
    for m in TERM_RE.finditer(text, s, e):
        base = m.group(0).lower()
        if base.rstrip("s") in _LIST_ONLY or base in _LIST_ONLY:
            if not any(a <= m.start() < b for a, b in in_list):
                continue
        found.append((m.start(), m.end(), "term"))
    for m in CATEGORY_RE.finditer(text, s, e, overlapped=True):
        span = _category_span(m, s)
        if span:
            found.append((span[0], span[1], "category"))
    for m in UMBRELLA_RE.finditer(text, s, e):
        found.append((m.start(), m.end(), "umbrella"))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, str]] = []
    for st, en, kind in sorted(found, key=lambda x: -(x[1] - x[0])):
        if any(st < b and a < en for a, b, _ in out):
            continue
        out.append((st, en, kind))
    return sorted(out)


def _sentences(doc: Doc, length: int) -> list[tuple[int, int]]:
    """Sentence character bounds from the SENT_START array: iterating doc.sents builds a Token per token,
    which cost more than the whole extractor."""
    if len(doc) == 0:
        return []
    starts = doc.to_array("SENT_START")
    idx = doc.to_array("IDX")
    bounds = [int(idx[i]) for i in (starts == 1).nonzero()[0] if i > 0]
    cuts = [0, *bounds, length]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def extract(doc: Doc, found: "Found") -> list[AdverseEvent]:
    text = doc.text  # built from the tokens on every access: read it once
    doc_has_cue = bool(_CUE_RE.search(text))
    if not doc_has_cue and not _OCCUR_RE.search(text):
        return []
    events: list[AdverseEvent] = []
    seen: dict = {}
    for s, e in _sentences(doc, len(text)):
        if not _sentence_ok(text, s, e, doc_has_cue):
            continue
        # list heads: the span each governs runs to the end of the sentence
        heads = []
        for h in LIST_HEAD_RE.finditer(text, s, e):
            g = GRADE_RE.search(text, max(s, h.start() - 60), h.start())
            head_grades = _grade_values(g.group("spec")) if g else []
            heads.append((h.end(), e, head_grades, bool(_DLT_RE.search(h.group("head")))))
        in_list = [(a, b) for a, b, _, _ in heads]
        for start, end, kind in _mentions(text, s, e, in_list):
            if any(a <= start < b and kind == "umbrella" for a, b in in_list) and kind == "umbrella":
                continue
            if kind == "umbrella" and regex.match(r"(?i)dlts?\b|dose", text[start:end]):
                continue
            if _negated(text, s, start, end, e):
                continue
            head = next(((g, d) for a, b, g, d in heads if a <= start < b), None)
            # grades written right before the term, else in a parenthesis after it, else the list head's
            grade_specs: list[list[int]] = []
            gb = _GRADE_BEFORE_RE.search(text, max(s, start - 60), start)
            term_start = start
            if gb:
                spec = gb.group("spec")
                values = _grade_values(spec)
                if len(regex.findall(r"(?i)grade", gb.group(0))) > 1 and regex.search(r"(?i)\beach\b", text[end:e]):
                    grade_specs = [[v] for v in values]  # "grade 3 and grade 4 X ... in 1 patient each"
                elif values:
                    grade_specs = [values]
                term_start = gb.start()
            count = pct = None
            group = None
            after = end
            ga = _GRADE_AFTER_RE.match(text, end, e)
            if ga and not grade_specs:
                grade_specs = [_grade_values(ga.group("spec"))]
                after = ga.end()
            paren = _PAREN_RE.match(text, after, e)
            if paren:
                c, p, pg = _paren_figures(paren.group("body") or paren.group("body2"))
                count, pct = c, p
                if pg and not grade_specs:
                    grade_specs = [pg]
                after = paren.end()
            fig = _AFTER_FIG_RE.match(text, after, e)
            if fig:
                group = fig.group("group")
                if pct is None:
                    pv = fig.group("pct") or fig.group("pct2") or fig.group("pct3")
                    pct = float(pv) if pv else None
                if count is None:
                    count = _parse_count(fig.group("n"))
            if count is None:
                bf = _BEFORE_FIG_RE.search(text, max(s, term_start - 60), term_start)
                if bf:
                    count = _parse_count(bf.group("n"))
                    pv = bf.group("pct") or bf.group("pct2")
                    if pct is None and pv:
                        pct = float(pv)
            if not grade_specs and head and head[0]:
                grade_specs = [head[0]]
            if kind == "umbrella":
                # an umbrella names no event of its own: only a figure makes it one; "at least one AE" never
                # nor a reason for stopping treatment ("discontinued because of adverse events (5%)")
                # nor the class a named event belongs to ("Headache was the most common adverse event (20%)")
                if pct is None or _AT_LEAST_ONE_RE.search(text, max(s, term_start - 20), term_start) \
                        or _MOST_RE.search(text, max(s, term_start - 40), term_start) \
                        or _REASON_RE.search(text, max(s, term_start - 20), term_start):
                    continue
            dose_limiting = bool(head and head[1]) or bool(
                regex.search(r"(?i)dose[\s-]limiting\s*$", text[max(s, term_start - 20):term_start])
            )
            term = regex.sub(r"\s+", " ", text[start:end])
            for grades in grade_specs or [[]]:
                # one event named twice ("The most common DLT was fatigue ... AEs included fatigue") is one
                # fact: the later mention only fills in what the first left open
                key = (term.lower(), tuple(grades), group)
                if key in seen:
                    first = seen[key]
                    first.count = first.count if first.count is not None else count
                    first.percent = first.percent if first.percent is not None else pct
                    first.dose_limiting = first.dose_limiting or dose_limiting
                    continue
                seen[key] = event = AdverseEvent(
                    text=text[start:end], start=start, end=end, group=group, term=term, grades=grades,
                    count=count, percent=pct, dose_limiting=dose_limiting,
                )
                events.append(event)
    return events
