"""Extractor: trial phases ("phase I/II", "Phase 2b", "phases II and III") the document reports on.

Abstracts name phases of *other* trials too (background, rationale, plans): "a previous phase III trial
showed", "phase III trials are warranted", "will be tested in a phase 3 trial". Each mention is judged by
the words right before it (the determiner of its noun phrase) and, failing that, by cues in its sentence.
The title, passed as `found.title`, is the most reliable statement of the phase; when it names one, the text
only adds phases written as parts of this trial ("in phase 1, 10 patients ...", "the phase II portion").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import regex
from spacy.tokens import Doc

if TYPE_CHECKING:
    from . import Found

_ROMAN = {"0": "0", "i": "1", "ii": "2", "iii": "3", "iv": "4", "ⅰ": "1", "ⅱ": "2", "ⅲ": "3", "ⅳ": "4"}
# One phase number: arabic 0-4 or roman I-IV (also the single-character Unicode numerals), with an optional
# sub-phase letter ("IIb", "1b", "IIIA"); never followed by another letter or digit ("phase in", "phase 10").
_NUM = r"(?:[0-4]|iv|i{1,3}|[ⅰⅱⅲⅳ])(?:[abc])?(?![\p{L}\d])"
# "phase I/II", "phase 1b/2a", "phase I-II", "phase II to III", "phase 1 and phase 2", "phase II or III"
_SEP = r"\s*(?:/|-|–|—|&|\bto\b|\band\b|\bor\b)\s*(?:phase[\s-]*)?"
# the plural also takes comma lists: "phases 1, 2 and 3"; the singular does not ("In phase 2, 4 patients")
PHASE_RE = regex.compile(
    rf"\b(?:phases[\s-]*{_NUM}(?:(?:{_SEP}|\s*,\s*){_NUM})*|phase[\s-]*{_NUM}(?:{_SEP}{_NUM})*)",
    regex.IGNORECASE | regex.VERSION1,
)
NUM_RE = regex.compile(_NUM, regex.IGNORECASE)
# Words that open the mention's noun phrase. The nearest one decides: "this/our phase II study" is the
# document's own trial, "a previous/recent/several phase III trial(s)" is somebody else's.
_ANCHOR_RE = regex.compile(
    r"\b(this|our|the\s+present|the\s+current|present|current"
    r"|previous(?:ly)?|prior|earlier|recent(?:ly)?|several|other|many|numerous|published|preceding"
    r"|subsequent|future|further|next|planned"
    r"|a|an|the|these|those)\b",
    regex.IGNORECASE,
)
_OWN = {"this", "our", "the present", "the current", "present", "current"}
_OTHER = {
    "previous", "previously", "prior", "earlier", "recent", "recently", "several", "other", "many",
    "numerous", "published", "preceding", "subsequent", "future", "further", "next", "planned",
}
# Sentence cues that the trial named is planned, hoped for or already known: modal and future verbs,
# the present perfect of background ("has been shown in phase II trials"). Words such as "previously" or
# "prior" are not cues here: trial reports use them for patients ("previously untreated", "prior therapy").
_OTHER_CUE_RE = regex.compile(
    r"\b(?:will|would|should|could|might|warrant\w*|future|planned|plan|planning|remains?\s+to\s+be"
    r"|based\s+on|being|(?:is|are)\s+(?:needed|required|necessary)"
    r"|ha(?:s|ve|d)\s+(?:been|shown|demonstrated|proved|proven|established|reported|suggested))\b",
    regex.IGNORECASE,
)
# cues that govern a mention wherever they stand after it in the sentence: its predicate says the trial is
# wanted ("A phase III study to ... is warranted") or already known ("A phase III study ... has shown")
_OTHER_PREDICATE_RE = regex.compile(
    r"\b(?:(?:is|are)\s+(?:\w+\s+)?(?:warranted|needed|required|necessary)"
    r"|ha(?:s|ve)\s+(?:been|shown|demonstrated|proved|proven|established|suggested))\b",
    regex.IGNORECASE,
)
# "we conducted ...", "here we report ..." with no modal before the mention: the authors' own trial
_WE_RE = regex.compile(r"\b(?:we|here)\b", regex.IGNORECASE)
# the recommended phase 2 dose (RP2D) is a dose, not the phase of this trial
_RP2D_RE = regex.compile(r"recommended\s*$", regex.IGNORECASE)
# something chosen, recommended or sized "for a phase III trial" looks ahead to a trial not yet run
_CHOSEN_FOR_RE = regex.compile(
    r"\b(?:selected|recommended|chosen|required|proposed|suitable|advised?)\b[^.;]{0,60}"
    r"\bfor\s+(?:an?\s+|the\s+|subsequent\s+|future\s+|further\s+|later\s+)*$",
    regex.IGNORECASE,
)
_DOSE_AFTER_RE = regex.compile(r"\s*doses?\b", regex.IGNORECASE)
# A part of this trial: "the phase II portion", "phase 1 part", "In phase 1, ...", "10 in phase 1 and ..."
_PART_AFTER_RE = regex.compile(r"\s*(?:part|portion|stage|segment|component|cohort|phase)\b", regex.IGNORECASE)
_IN_BEFORE_RE = regex.compile(r"\bin\s+(?:the\s+)?$", regex.IGNORECASE)
_NOT_TRIAL_AFTER_RE = regex.compile(r"\s*(?:[,;:)]|\.(?!\d)|and\b|$|\d)", regex.IGNORECASE)
_SENT_END_RE = regex.compile(r"[.;!?](?=\s+\S)|\n")
_QUICK = regex.compile(r"phase", regex.IGNORECASE)


def _numbers(mention: str) -> list[str]:
    # drop the word "phase(s)" then read every number in the mention
    body = regex.sub(r"(?i)phases?", " ", mention)
    return [_ROMAN.get(m.group(0).lower().rstrip("abc"), m.group(0).lower().rstrip("abc"))
            for m in NUM_RE.finditer(body)]


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    s = 0
    for m in _SENT_END_RE.finditer(text, 0, start):
        s = m.end()
    m = _SENT_END_RE.search(text, end)
    return s, (m.start() if m else len(text))


def _is_own(text: str, start: int, end: int) -> bool:
    """True when the mention at text[start:end] names a phase of the trial this document reports."""
    s, e = _sentence_bounds(text, start, end)
    prefix = text[max(s, start - 80):start]
    if _RP2D_RE.search(prefix) and _DOSE_AFTER_RE.match(text, end):
        return False
    if _CHOSEN_FOR_RE.search(text[max(s, start - 120):start]):
        return False
    anchors = list(_ANCHOR_RE.finditer(prefix))
    if anchors:
        word = regex.sub(r"\s+", " ", anchors[-1].group(1).lower())
        if word in _OWN:
            return True
        if word in _OTHER:
            return False
    before = text[max(s, start - 100):start]
    if _OTHER_CUE_RE.search(before):
        return False
    if _WE_RE.search(before):
        return True
    # after the mention, only a cue close by governs it ("a phase III trial is warranted"); a later one
    # usually belongs to a clause of its own ("... was conducted to test whether X would improve ...")
    if _OTHER_PREDICATE_RE.search(text, end, e):
        return False
    return not _OTHER_CUE_RE.search(text[end:min(e, end + 45)])


def _is_part(text: str, start: int, end: int) -> bool:
    """'in phase 1, ...', 'the phase II portion': a part of this trial, not a trial design."""
    if _PART_AFTER_RE.match(text, end):
        return True
    return bool(_IN_BEFORE_RE.search(text[max(0, start - 12):start]) and _NOT_TRIAL_AFTER_RE.match(text, end))


def phases_in(text: str, parts_only: bool = False) -> set[str]:
    out: set[str] = set()
    if not text or not _QUICK.search(text):
        return out
    for m in PHASE_RE.finditer(text):
        if not _is_own(text, m.start(), m.end()):
            continue
        if parts_only and not _is_part(text, m.start(), m.end()):
            continue
        out.update(_numbers(m.group(0)))
    return out


def phases_of(text: str, title: Optional[str] = None) -> list[str]:
    from_title = phases_in(title or "")
    if from_title:
        return sorted(from_title | phases_in(text, parts_only=True))
    return sorted(phases_in(text))


def extract(doc: Doc, found: "Found") -> list[str]:
    return phases_of(found.text, found.title)
