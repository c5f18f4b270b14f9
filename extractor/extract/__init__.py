"""Stage 4, extract: every extractor reads the annotated `Doc` and returns facts with evidence spans.

Order matters only where one extractor reads another's output: rates infer n/N from counts.
Each extractor module owns its patterns; its real-world examples live in tests/examples/<module>.tsv.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc

from ..annotate import doc_text
from ..models import AdverseEvent, Count, Dose, Rate, RecordWarning
from . import adverse_events, counts, doses, phases, rates


@dataclass
class Found:
    phases: list[str] = field(default_factory=list)
    doses: list[Dose] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    adverse_events: list[AdverseEvent] = field(default_factory=list)
    warnings: list[RecordWarning] = field(default_factory=list)
    # the title is not part of record.text but often names the phase ("Phase I trial of ...")
    title: Optional[str] = None
    # the document text, read once: spaCy's doc.text joins the tokens again on every read
    text: str = ""


def extract_facts(doc: Doc, title: Optional[str] = None) -> Found:
    found = Found(title=title, text=doc_text(doc))
    found.phases = phases.extract(doc, found)
    found.doses = doses.extract(doc, found)
    found.counts = counts.extract(doc, found)
    found.rates = rates.extract(doc, found)
    found.adverse_events = adverse_events.extract(doc, found)
    return found
