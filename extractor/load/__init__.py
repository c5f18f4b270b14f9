"""Stage 1, load: turn input paths into `Document`s (or `LoadFailure`s), one per abstract.

Each format has its own module here; `load_paths` picks the loader by content as well as extension.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Union

from ..models import Meta, RecordWarning


@dataclass
class Document:
    doc_id: str
    source: str
    text: str
    meta: Meta = field(default_factory=Meta)
    warnings: list[RecordWarning] = field(default_factory=list)


@dataclass
class LoadFailure:
    """One bad input: reported on one line naming the file and the reason; the batch goes on."""

    source: str
    reason: str

    def line(self) -> str:
        return f"{self.source}: {self.reason}"


Loaded = Union[Document, LoadFailure]


def load_paths(paths: Iterable[Union[str, Path]]) -> Iterator[Loaded]:
    """Placeholder until the format loaders land: plain .txt files only."""
    for path in paths:
        p = Path(path)
        files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
        for f in files:
            if f.suffix != ".txt":
                continue
            try:
                text = f.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                yield LoadFailure(str(f), str(exc))
                continue
            yield Document(doc_id=f.stem, source=str(f), text=text)
