"""One document through every stage: normalize -> annotate -> extract -> validate.

Loading happens before (extractor.load) and writing after (extractor.write); the engines in
extractor.engine stream documents through `process` / `process_many`.
"""

from __future__ import annotations

import itertools
from typing import Iterable, Iterator

from .annotate import annotate_many
from .extract import extract_facts
from .load import Document
from .models import Record
from .normalize import normalize
from .validate import validate_record


def process_many(documents: Iterable[Document]) -> Iterator[Record]:
    """Records in input order; lazy, so a corpus of any size streams through in spaCy's batches."""
    normalized = ((document, *normalize(document.text)) for document in documents)
    # one tee of the stream feeds spaCy the texts, the other keeps each document beside its Doc
    for_nlp, for_records = itertools.tee(normalized)
    docs = annotate_many(text for _, text, _ in for_nlp)
    for (document, text, repairs), doc in zip(for_records, docs):
        found = extract_facts(doc, title=document.meta.title)
        record = Record(
            doc_id=document.doc_id,
            source=document.source,
            meta=document.meta,
            text=text,
            phases=found.phases,
            doses=found.doses,
            counts=found.counts,
            rates=found.rates,
            adverse_events=found.adverse_events,
            warnings=[*document.warnings, *repairs, *found.warnings],
        )
        yield validate_record(record)


def process(document: Document) -> Record:
    return next(process_many([document]))
