"""Sections of structured abstracts, shared by the extractors that must skip the background.

What comes before the first Methods/Results heading ("BACKGROUND: ...", "OBJECTIVE: ...") states aims and other
studies' findings, not this trial's results.
"""

from __future__ import annotations

from typing import Optional

import regex

FIRST_BODY_HEADING_RE = regex.compile(
    r"\b(?:METHODS?|MATERIALS?\s+AND\s+METHODS|PATIENTS\s+AND\s+METHODS|METHODS\s+AND\s+\w+|DESIGN|RESULTS|"
    r"FINDINGS|SETTING|PARTICIPANTS|INTERVENTIONS?|EXPERIMENTAL\s+DESIGN|STUDY\s+DESIGN)\s*:")


def first_body_heading(text: str) -> Optional[int]:
    """Offset of the first Methods/Results-type heading, or None when the abstract has none (unstructured)."""
    if ":" not in text:  # every heading ends with a colon: most unstructured abstracts skip the search
        return None
    m = FIRST_BODY_HEADING_RE.search(text)
    return m.start() if m else None
