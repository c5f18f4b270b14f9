"""The record contract of ../shared/spec/RECORDS.md as pydantic models.

Output facts always carry `text`/`start`/`end` (evidence into `Record.text`); gold facts
(RECORDS.md §2) have no spans, so those fields are optional here and checked by `validate`.
Extra fields are allowed everywhere: the contract welcomes them.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Period = Literal["day", "week", "month"]
CountRole = Literal[
    "enrolled", "randomized", "treated", "evaluable", "per_protocol", "completed", "discontinued", "group"
]
RateKind = Literal[
    "response", "complete_response", "partial_response", "stable_disease", "disease_control",
    "progression", "survival", "adverse_event", "other",
]
Route = Literal[
    "oral", "intravenous", "intramuscular", "subcutaneous", "intravesical", "intrathecal",
    "intraperitoneal", "topical", "inhaled", "intratumoral",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="allow")


class Frequency(_Model):
    times: float
    every: float
    period: Period

    def per_day(self) -> float:
        """Administrations per day, the unit RECORDS.md §3 compares frequencies in."""
        days = {"day": 1.0, "week": 7.0, "month": 30.0}[self.period]
        return self.times / (self.every * days)


class Fact(_Model):
    text: Optional[str] = None
    start: Optional[int] = None
    end: Optional[int] = None
    group: Optional[str] = None


class Dose(Fact):
    drug: Optional[str] = None
    drug_name: Optional[str] = None
    value: float
    value_max: Optional[float] = None
    unit: str
    amount: float
    base_unit: str
    frequency: Optional[Frequency] = None
    frequency_text: Optional[str] = None
    route: Optional[Route] = None
    # gold only: other ways the abstract names the drug
    aliases: Optional[list[str]] = None


class Count(Fact):
    value: int
    role: CountRole


class Rate(Fact):
    percent: float
    numerator: Optional[int] = None
    denominator: Optional[int] = None
    kind: RateKind = "other"
    inferred: bool = False
    consistent: Optional[bool] = None


class AdverseEvent(Fact):
    term: str
    grades: list[int] = Field(default_factory=list)
    count: Optional[int] = None
    percent: Optional[float] = None
    dose_limiting: bool = False
    aliases: Optional[list[str]] = None


class RecordWarning(_Model):
    code: str
    message: str
    start: Optional[int] = None
    end: Optional[int] = None


class Meta(_Model):
    title: Optional[str] = None
    authors: list[str] = Field(default_factory=list)
    journal: Optional[str] = None
    year: Optional[int] = None
    volume: Optional[str] = None
    issue: Optional[str] = None
    pages: Optional[str] = None
    doi: Optional[str] = None
    pmid: Optional[str] = None
    pmcid: Optional[str] = None
    keywords: list[str] = Field(default_factory=list)
    publication_types: list[str] = Field(default_factory=list)


class Facts(_Model):
    """What the extractors fill; shared by output records and gold records."""

    phases: list[str] = Field(default_factory=list)
    doses: list[Dose] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    rates: list[Rate] = Field(default_factory=list)
    adverse_events: list[AdverseEvent] = Field(default_factory=list)


class Record(_Model):
    doc_id: str
    source: str
    meta: Meta = Field(default_factory=Meta)
    text: str
    phases: list[str] = Field(default_factory=list)
    doses: list[Dose] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    rates: list[Rate] = Field(default_factory=list)
    adverse_events: list[AdverseEvent] = Field(default_factory=list)
    warnings: list[RecordWarning] = Field(default_factory=list)


class GoldRecord(Facts):
    doc_id: str
    file: Optional[str] = None
    meta: Optional[dict] = None


FACT_LISTS = ("doses", "counts", "rates", "adverse_events")
