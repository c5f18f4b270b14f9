"""Numbers as abstracts write them: decimals, thousands separators, Unicode minus, and number words.

Shared by every extractor; extend it here rather than parsing numbers again elsewhere.
"""

from __future__ import annotations

from typing import Optional

import re as _re

import regex

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000}

NUMBER_WORD = r"(?:" + "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True)) + r")"
# "Two hundred thirty", "forty-two", "one hundred and five"
NUMBER_WORDS_RE = regex.compile(
    rf"\b{NUMBER_WORD}(?:(?:[\s-]+|\s+and\s+){NUMBER_WORD})*\b", regex.IGNORECASE
)
# 1,234 / 1 234 / 12.5 / .5 ; thousands groups only in threes so "1,2" stays two numbers
NUMERAL = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|\.\d+)"
NUMERAL_RE = regex.compile(NUMERAL)


def parse_numeral(s: str) -> float:
    return float(s.replace(",", "").replace("\u2212", "-"))


def parse_number_words(s: str) -> Optional[int]:
    """'Two hundred thirty' -> 230, 'forty-two' -> 42; None if not all number words."""
    total = current = 0
    seen = False
    for word in regex.split(r"[\s-]+", s.lower().strip()):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(s: str) -> Optional[float]:
    """A numeral or number words as a float; None when it is neither."""
    s = s.strip()
    if NUMERAL_RE.fullmatch(s):
        return parse_numeral(s)
    n = parse_number_words(s)
    return float(n) if n is not None else None


# --- integers and percentages as trial abstracts write them (counts, rates) ---

# An integer count: "1,062", "272", or number words ("Two hundred thirty", "Forty-two"); never part of a
# decimal ("27.8"), a ratio's other side handled by callers. Hyphen variants (‐ ‑ –) appear in real exports.
INT_NUMERAL = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)"
COUNT_NUMBER = (
    rf"(?:(?<![\d.,·/])(?:{INT_NUMERAL})(?![\d]|[.·,]\d)"
    rf"|\b{NUMBER_WORD}(?:(?:[\s\-\u2010\u2011]+|\s+and\s+){NUMBER_WORD})*\b)"
)
COUNT_NUMBER_RE = regex.compile(COUNT_NUMBER, regex.IGNORECASE)

# "27.8", "0·27" (Lancet middle dot), "44,4" is NOT accepted: a comma is a thousands or list separator here.
DECIMAL = r"(?:\d+(?:[.·]\d+)?)"


def parse_int(s: str) -> Optional[int]:
    """'1,062' -> 1062, 'Two hundred thirty' -> 230, 'Forty-two' -> 42; None for decimals or other words."""
    s = s.strip()
    if regex.fullmatch(INT_NUMERAL, s):
        return int(s.replace(",", ""))
    n = parse_number_words(regex.sub(r"[\u2010\u2011]", "-", s))
    return n


def parse_decimal(s: str) -> float:
    """'27.8' or '0·27' -> float."""
    return float(s.replace("·", ".").replace("\u2212", "-"))


def decimals_of(s: str) -> int:
    """Digits after the decimal mark as written: '27.8' -> 1, '28' -> 0 (the stated precision)."""
    s = s.replace("·", ".")
    return len(s.split(".", 1)[1]) if "." in s else 0


def round_half_up(x: float, ndigits: int = 0) -> float:
    """Ordinary rounding (half up), not Python's banker's rounding: 12.5 -> 13, 27.75 -> 27.8."""
    from decimal import ROUND_HALF_UP, Decimal

    q = Decimal(1).scaleb(-ndigits)
    # repr of the float first so 100*5/18 = 27.7777... rounds on its decimal digits
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def percent_agrees(percent: float, ndigits: int, numerator: int, denominator: int) -> bool:
    """Whether n/N gives the stated percent at its stated precision, by half-up rounding or truncation
    (authors do both); anything further off is a real disagreement."""
    if denominator <= 0:
        return False
    exact = 100.0 * numerator / denominator
    if abs(round_half_up(exact, ndigits) - percent) < 1e-9:
        return True
    step = 10.0 ** -ndigits
    truncated = int(exact / step + 1e-9) * step
    return abs(truncated - percent) < 1e-9


# Where a number could start: a run of digits, or a number word in the lower-cased text. A case-sensitive pattern
# with literal alternatives is scanned ~10x faster than COUNT_NUMBER_RE with IGNORECASE, which then only confirms.
# (stdlib `re`: faster than `regex` on this simple scan; the class lookahead skips most positions cheaply)
_NUMBER_CANDIDATE_RE = _re.compile(
    r"\d+|\b(?=[efnostzh])(?:" + "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True)) + r")"
)
_last_starts: tuple = ("", [])  # (text, starts): counts and rates ask for the same document's numbers in turn


def number_starts(text: str) -> list[int]:
    """Offsets where an integer or number words begin (the starts of COUNT_NUMBER_RE.finditer(text)); computed once
    per document (the last document's answer is kept, as extractors run one after another on the same text)."""
    global _last_starts
    if _last_starts[0] is text:
        return _last_starts[1]
    low = text.lower()
    if len(low) != len(text):  # a few Unicode letters change length when lower-cased; offsets would drift
        starts = [m.start() for m in COUNT_NUMBER_RE.finditer(text)]
    else:
        starts = []
        end = 0
        match = COUNT_NUMBER_RE.match
        for c in _NUMBER_CANDIDATE_RE.finditer(low):
            p = c.start()
            if p < end:
                continue
            m = match(text, p)
            if m is not None:
                starts.append(p)
                end = m.end()
    _last_starts = (text, starts)
    return starts


def finditer_near(rx, text: str, anchors: list[int], back: int = 60, ahead: int = 400):
    """`rx.finditer(text)` restricted to matches that touch an anchor (a number): the same matches for patterns
    built around a number, but the pattern is tried only near numbers instead of at every character, which is
    what makes long patterns with optional words affordable (~30 numbers per abstract vs ~1,500 positions)."""
    last_end = 0
    seen = set()
    for p in anchors:
        if p < last_end:
            continue
        m = rx.search(text, max(p - back, last_end, 0), min(len(text), p + ahead))
        while m is not None and m.start() <= p + 1:
            if m.span() not in seen:
                seen.add(m.span())
                last_end = m.end()
                yield m
            if m.end() >= p + 1 or m.end() == m.start():
                break
            m = rx.search(text, m.end(), min(len(text), p + ahead))


def match_at(rx, text: str, anchors: list[int]):
    """Matches of a number-led pattern tried only where a number starts (non-overlapping, in order)."""
    last_end = 0
    for p in anchors:
        if p < last_end:
            continue
        m = rx.match(text, p)
        if m is not None:
            last_end = m.end()
            yield m


def parse_percent_number(s: str) -> Optional[float]:
    """The number of a percent as written: '27.8', '0·27', or number words ('Thirty-eight percent' -> 38.0)."""
    s = s.strip()
    if regex.fullmatch(r"\d+(?:[.·]\d+)?", s):
        return parse_decimal(s)
    n = parse_number_words(regex.sub(r"[\u2010\u2011]", "-", s))
    return float(n) if n is not None else None
