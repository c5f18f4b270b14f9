"""Stage 6, write: records to JSON Lines (default), or CSV / Parquet tables per fact type joined by doc_id.

JSON Lines are written a whole line at a time and flushed, so a killed run leaves at most one partial
last line, which `--resume` cuts off. Tables are written to a temporary file and renamed into place when
complete, so a killed run never leaves a truncated table.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import IO, Iterable, Optional

import pyarrow as pa
import pyarrow.parquet as pq

TABLES = ("documents", "doses", "counts", "rates", "adverse_events", "warnings")

# Fixed columns and types, so every chunk of a streamed table has the same schema.
_S, _F, _I, _B = pa.string(), pa.float64(), pa.int64(), pa.bool_()
SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([("doc_id", _S), ("source", _S), ("title", _S), ("journal", _S), ("year", _I),
                            ("volume", _S), ("issue", _S), ("pages", _S), ("doi", _S), ("pmid", _S), ("pmcid", _S),
                            ("authors", _S), ("keywords", _S), ("phases", _S), ("text", _S)]),
    "doses": pa.schema([("doc_id", _S), ("drug", _S), ("drug_name", _S), ("value", _F), ("value_max", _F),
                        ("unit", _S), ("amount", _F), ("base_unit", _S), ("frequency_times", _F),
                        ("frequency_every", _F), ("frequency_period", _S), ("frequency_text", _S), ("route", _S),
                        ("group", _S), ("text", _S), ("start", _I), ("end", _I)]),
    "counts": pa.schema([("doc_id", _S), ("value", _I), ("role", _S), ("group", _S), ("text", _S),
                         ("start", _I), ("end", _I)]),
    "rates": pa.schema([("doc_id", _S), ("percent", _F), ("numerator", _I), ("denominator", _I), ("kind", _S),
                        ("inferred", _B), ("consistent", _B), ("group", _S), ("text", _S), ("start", _I), ("end", _I)]),
    "adverse_events": pa.schema([("doc_id", _S), ("term", _S), ("grades", _S), ("count", _I), ("percent", _F),
                                 ("dose_limiting", _B), ("group", _S), ("text", _S), ("start", _I), ("end", _I)]),
    "warnings": pa.schema([("doc_id", _S), ("code", _S), ("message", _S), ("start", _I), ("end", _I)]),
}


def _joined(items) -> Optional[str]:
    return "; ".join(str(i) for i in items) if items else None


def table_rows(record: dict) -> dict[str, list[dict]]:
    """One record (as a dict) spread over the tables, each row carrying the record's doc_id."""
    doc_id, meta = record["doc_id"], record.get("meta") or {}
    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    rows["documents"].append({
        "doc_id": doc_id, "source": record.get("source"), **{k: meta.get(k) for k in (
            "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid", "pmcid")},
        "authors": _joined(meta.get("authors")), "keywords": _joined(meta.get("keywords")),
        "phases": _joined(record.get("phases")), "text": record.get("text"),
    })
    for d in record.get("doses") or []:
        freq = d.get("frequency") or {}
        rows["doses"].append({**d, "doc_id": doc_id, "frequency_times": freq.get("times"),
                              "frequency_every": freq.get("every"), "frequency_period": freq.get("period")})
    for name in ("counts", "rates", "warnings"):
        rows[name] = [{**f, "doc_id": doc_id} for f in record.get(name) or []]
    rows["adverse_events"] = [{**a, "doc_id": doc_id, "grades": _joined(a.get("grades"))}
                              for a in record.get("adverse_events") or []]
    return {name: [{col: row.get(col) for col in SCHEMAS[name].names} for row in table] for name, table in rows.items()}


def to_frames(records: Iterable) -> dict:
    """One pandas DataFrame per table (documents, doses, counts, rates, adverse_events, warnings)."""
    columns: dict[str, list[dict]] = {name: [] for name in TABLES}
    for record in records:
        data = record if isinstance(record, dict) else record.model_dump(mode="json")
        for name, rows in table_rows(data).items():
            columns[name].extend(rows)
    return {name: pa.Table.from_pylist(rows, schema=SCHEMAS[name]).to_pandas() for name, rows in columns.items()}


class JsonlWriter:
    def __init__(self, path: Path, append: bool = False):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh: IO[str] = open(path, "a" if append else "w", encoding="utf-8")

    def write_line(self, line: str) -> None:
        self._fh.write(line + "\n")
        self._fh.flush()

    def write(self, record) -> None:
        self.write_line(record.model_dump_json())

    def close(self) -> None:
        self._fh.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def table_paths(out: Path, fmt: str) -> dict[str, Path]:
    """`results.parquet` -> results.documents.parquet, results.doses.parquet, ..."""
    stem = out.name[: -len(out.suffix)] if out.suffix else out.name
    return {name: out.with_name(f"{stem}.{name}.{fmt}") for name in TABLES}


class TableWriter:
    """CSV or Parquet, one file per table, written in chunks and renamed into place on close."""

    def __init__(self, out: Path, fmt: str, chunk: int = 2000):
        self.fmt, self.chunk = fmt, chunk
        self.paths = table_paths(out, fmt)
        out.parent.mkdir(parents=True, exist_ok=True)
        self._pending: dict[str, list[dict]] = {name: [] for name in TABLES}
        self._records = 0
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._csv: dict[str, tuple[IO[str], csv.DictWriter]] = {}

    def _tmp(self, name: str) -> Path:
        return self.paths[name].with_name(self.paths[name].name + ".part")

    def write_line(self, line: str) -> None:
        for name, rows in table_rows(json.loads(line)).items():
            self._pending[name].extend(rows)
        self._records += 1
        if self._records % self.chunk == 0:
            self._flush()

    def _flush(self) -> None:
        for name, rows in self._pending.items():
            if self.fmt == "parquet":
                if name not in self._parquet:
                    self._parquet[name] = pq.ParquetWriter(self._tmp(name), SCHEMAS[name])
                if rows:
                    self._parquet[name].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]))
            else:
                if name not in self._csv:
                    fh = open(self._tmp(name), "w", encoding="utf-8", newline="")
                    writer = csv.DictWriter(fh, fieldnames=SCHEMAS[name].names)
                    writer.writeheader()
                    self._csv[name] = (fh, writer)
                self._csv[name][1].writerows(rows)
            rows.clear()

    def close(self, complete: bool = True) -> None:
        if complete:
            self._flush()
        for w in self._parquet.values():
            w.close()
        for fh, _ in self._csv.values():
            fh.close()
        if complete:  # an interrupted run leaves only *.part files, never a table that looks whole
            for name in TABLES:
                os.replace(self._tmp(name), self.paths[name])

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        self.close(complete=exc_type is None)
