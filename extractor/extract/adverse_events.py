"""Extractor: adverse_events (placeholder until its patterns land)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ..models import AdverseEvent, Count, Dose, Rate  # noqa: F401

if TYPE_CHECKING:
    from . import Found


def extract(doc: Doc, found: "Found") -> list[AdverseEvent]:
    return []
