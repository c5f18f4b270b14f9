"""trialfacts: extract trial facts (doses, counts, rates, adverse events, phases) from abstracts."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Iterable, Iterator, Union

# Noise from a library, not from the user's data: spaCy's regex compile hint.
warnings.filterwarnings("ignore", message="Possible set union", category=FutureWarning)

from .models import Record

__all__ = ["extract_text", "extract_paths", "to_frames", "Record"]


def extract_text(text: str, **meta) -> Record:
    """Extract facts from one abstract. `doc_id`/`source` may be passed; the rest goes to `meta`."""
    from .load import Document
    from .models import Meta
    from .pipeline import process

    doc_id = str(meta.pop("doc_id", None) or meta.get("pmid") or meta.get("doi") or "text")
    source = str(meta.pop("source", "<text>"))
    return process(Document(doc_id=doc_id, source=source, text=text, meta=Meta(**meta)))


def extract_paths(paths: Iterable[Union[str, Path]]) -> Iterator[Record]:
    """Extract facts from every document under `paths` (files, folders, archives); bad inputs are skipped."""
    from .load import Document, load_paths
    from .pipeline import process_many

    return process_many(d for d in load_paths(paths) if isinstance(d, Document))


def to_frames(records: Iterable[Record]):
    """One pandas DataFrame per fact type (documents, doses, counts, rates, adverse_events, warnings), joined by doc_id."""
    from .write import to_frames as _to_frames

    return _to_frames(records)
