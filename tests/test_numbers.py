"""Shared number parsing: numerals and number words as abstracts write them."""

import pytest

from extractor.extract.numbers import (
    COUNT_NUMBER_RE, decimals_of, parse_decimal, parse_int, parse_number, percent_agrees, round_half_up,
)


@pytest.mark.parametrize("text,value", [
    ("Two hundred thirty", 230), ("One hundred and six", 106), ("Forty-two", 42), ("Forty‐six", 46),
    ("1,062", 1062), ("13,388", 13388), ("272", 272), ("three", 3),
])
def test_parse_int(text, value):
    assert parse_int(text) == value


@pytest.mark.parametrize("text", ["27.8", "patients", "1.5"])
def test_parse_int_refuses_non_integers(text):
    assert parse_int(text) is None


def test_count_numbers_in_text_skip_decimals_and_ratio_sides():
    text = "Two hundred thirty patients, 27.8% and 12/31, 1,062 and forty-two"
    assert [m.group() for m in COUNT_NUMBER_RE.finditer(text)] == ["Two hundred thirty", "12", "1,062", "forty-two"]


def test_existing_parse_number_unchanged():
    assert parse_number("1,234") == 1234.0 and parse_number("Two hundred thirty") == 230.0
    assert parse_number("mg") is None


def test_decimals_and_middle_dot():
    assert decimals_of("27.8") == 1 and decimals_of("28") == 0 and decimals_of("0·27") == 2
    assert parse_decimal("0·27") == 0.27


def test_round_half_up_is_not_bankers_rounding():
    assert round_half_up(12.5) == 13.0 and round(12.5) == 12
    assert round_half_up(100 * 5 / 18, 1) == 27.8
    assert round_half_up(0.125, 2) == 0.13


@pytest.mark.parametrize("pct,digits,n,N,ok", [
    (21.6, 1, 8, 37, True), (44.4, 1, 4, 9, True), (22, 0, 8, 37, True), (27.7, 1, 5, 18, True),  # truncation
    (22.6, 1, 8, 37, False), (30, 0, 8, 37, False), (10, 0, 1, 0, False),
])
def test_percent_agrees(pct, digits, n, N, ok):
    assert percent_agrees(pct, digits, n, N) is ok


@pytest.mark.parametrize("text,value", [
    ("27.8", 27.8), ("0·27", 0.27), ("Thirty-eight", 38.0), ("Fifty-nine", 59.0), ("one hundred", 100.0),
])
def test_parse_percent_number(text, value):
    from extractor.extract.numbers import parse_percent_number
    assert parse_percent_number(text) == value


def test_parse_percent_number_refuses_other_words():
    from extractor.extract.numbers import parse_percent_number
    assert parse_percent_number("patients") is None
