"""Dose units: spellings from real abstracts (tests/examples/units.tsv) -> canonical unit, base unit and factor."""

from pathlib import Path

import pint
import pytest

from extractor.extract.units import convert, parse_unit

TABLE = Path(__file__).resolve().parent / "examples" / "units.tsv"


def _rows():
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield pytest.param(*(line.split("\t") + [None, None, None])[:4], id=line.split("\t")[0])


@pytest.mark.parametrize("written,unit,base,factor", list(_rows()))
def test_unit_spelling(written, unit, base, factor):
    parsed = parse_unit(written)
    if unit == "-":
        assert parsed is None
        return
    assert parsed is not None
    assert (parsed.unit, parsed.base_unit) == (unit, base)
    assert parsed.factor == pytest.approx(float(factor), rel=1e-9)


def test_table_size():
    assert len(list(_rows())) >= 40


@pytest.mark.parametrize("a,b", [("IU", "JRU"), ("IU", "U"), ("JRU", "U"), ("IU", "mg"), ("MIU", "mg"), ("AUC", "mg")])
def test_activity_units_never_convert(a, b):
    with pytest.raises(pint.DimensionalityError):
        convert(1.0, a, b)


def test_miu_is_a_million_iu_and_cgy_a_hundredth_gy():
    assert convert(6.0, "MIU", "IU") == pytest.approx(6e6)
    assert convert(180.0, "cGy", "Gy") == pytest.approx(1.8)
