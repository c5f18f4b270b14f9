"""Schedules written after a dose in real abstracts (tests/examples/frequency.tsv) -> {times, every, period}."""

from pathlib import Path

import pytest

from extractor.extract.frequency import parse_schedule
from extractor.models import Frequency

TABLE = Path(__file__).resolve().parent / "examples" / "frequency.tsv"


def _rows():
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            written, expected, text = (line.split("\t") + [""])[:3]
            yield pytest.param(written, expected, text, id=written)


@pytest.mark.parametrize("written,expected,text", list(_rows()))
def test_schedule(written, expected, text):
    schedule = parse_schedule(written, 0, len(written))
    frequency = schedule.frequency if schedule else None
    if expected == "-":
        assert frequency is None
        return
    times, every, period = expected.split("/")
    assert frequency is not None
    assert (frequency["times"], frequency["every"], frequency["period"]) == (float(times), float(every), period)
    assert written[schedule.start:schedule.end] == text
    Frequency(**frequency)  # fits the contract's model


def test_table_size():
    assert len(list(_rows())) >= 40
