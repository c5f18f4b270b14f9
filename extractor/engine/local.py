"""Local engine: stream documents from the loaders through the pipeline and into the writer."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..load import Document, LoadFailure, load_paths
from ..pipeline import process_many
from ..write import JsonlWriter


@dataclass
class Summary:
    documents: int = 0
    failed: int = 0
    facts: Counter = field(default_factory=Counter)
    warnings: int = 0


def errors_path(out: Path) -> Path:
    return out.with_name(out.stem + ".errors.txt")


def run_local(paths: Sequence[Path], out: Path, fmt: str = "jsonl", workers: int = 0,
              resume: bool = False, progress: bool = True) -> Summary:
    summary = Summary()
    out.parent.mkdir(parents=True, exist_ok=True)
    docs: list[Document] = []
    with open(errors_path(out), "w", encoding="utf-8") as errors:
        for item in load_paths(paths):
            if isinstance(item, LoadFailure):
                summary.failed += 1
                errors.write(item.line() + "\n")
                print(item.line(), file=sys.stderr)
            else:
                docs.append(item)
    with JsonlWriter(out) as writer:
        for record in process_many(docs):
            writer.write(record)
            summary.documents += 1
    return summary
