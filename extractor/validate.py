"""Stage 5, validate: check each record against the contract before it is written.

Every fact must quote its evidence exactly (`text == record.text[start:end]`); a fact that does not is
dropped with a warning rather than written, since an untraceable number is worse than a missing one.
"""

from __future__ import annotations

from .models import FACT_LISTS, Record, RecordWarning


def validate_record(record: Record) -> Record:
    for name in FACT_LISTS:
        kept = []
        for fact in getattr(record, name):
            if fact.start is None or fact.end is None or record.text[fact.start:fact.end] != fact.text:
                record.warnings.append(RecordWarning(
                    code="bad_span",
                    message=f"{name[:-1]} dropped: its evidence {fact.text!r} is not text[{fact.start}:{fact.end}]",
                    start=fact.start, end=fact.end,
                ))
                continue
            kept.append(fact)
        setattr(record, name, kept)
    return record
