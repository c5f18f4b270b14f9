"""Stage 6, write: records to JSON Lines (default), or CSV / Parquet tables per fact type.

A record is written whole or not at all: each line is flushed complete, so a killed run leaves
at most a last line that `--resume` detects and drops.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO

from .models import Record


class JsonlWriter:
    def __init__(self, path: Path, append: bool = False):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh: IO[str] = open(path, "a" if append else "w", encoding="utf-8")

    def write(self, record: Record) -> None:
        self._fh.write(json.dumps(record.model_dump(mode="json", exclude_none=False), ensure_ascii=False) + "\n")
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
