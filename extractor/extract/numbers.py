"""Numbers as abstracts write them: decimals, thousands separators, Unicode minus, and number words.

Shared by every extractor; extend it here rather than parsing numbers again elsewhere.
"""

from __future__ import annotations

from typing import Optional

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
