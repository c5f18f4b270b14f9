"""Dask engine: the same records as the local engine, computed on a Dask cluster and written as parts.

`trialfacts extract PATH... --out DIR --engine dask [--scheduler ADDRESS]`

Partitions. One partition per input file, in the local engine's order, so the common case (the PubMed
baseline: 1,274 files of up to 30,000 records) costs nothing extra. Only when there are fewer files than
`2 × worker threads` are the largest files split: partition (file, k of n) streams the whole file and keeps
the records whose index i has (i // BLOCK) % n == k. Every part of a split file re-parses it, but loading is
~10x cheaper than the pipeline and the split is only made when cores would otherwise sit idle; interleaved
blocks keep parts the same size without knowing the record count in advance.

Output, under DIR (a path every worker can write: local disk for a LocalCluster, a shared file system for a
cluster): part-00000.jsonl ... one per partition (plus part-00000.<table>.parquet|csv with --format
parquet|csv, via extractor.write.TableWriter), part-00000.errors.txt for a partition that had bad input,
_partitions.json (the plan) and errors.txt ("source: reason" lines, as the local engine writes).

Resume: a part is written to part-NNNNN.jsonl.tmp and renamed when complete, after its tables and errors, so
an existing part-NNNNN.jsonl means the whole partition is done; `--resume` reruns only the others, with the
plan saved in _partitions.json (so a different cluster size does not reshuffle records between parts).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterator, Optional, Sequence, TextIO, Union

from ..load import Document, LoadFailure, file_source, iter_files, load_source
from .local import BATCH, Summary, _batches, _Progress, process_batch

# Records are dealt to the parts of a split file in runs of BLOCK, so each part still sees whole batches.
BLOCK = BATCH
# No part of a split file is planned below this size (~32 PubMed records): re-reading would cost more than it saves.
SPLIT_MIN_BYTES = 256 * 1024
# gzip'd text is ~5x smaller: compare estimated uncompressed sizes when choosing what to split.
_GZ_RATIO = 5
PLAN_FILE = "_partitions.json"
ERRORS_FILE = "errors.txt"


@dataclass(frozen=True)
class Partition:
    index: int
    path: str   # absolute path the worker opens
    shown: str  # the file's name as the local engine shows it: the `source` of its records
    part: int   # k ...
    parts: int  # ... of n
    block: int = BLOCK  # records are dealt to the parts in runs of `block`

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"

    def label(self) -> str:
        return self.shown if self.parts == 1 else f"{self.shown} (part {self.part + 1} of {self.parts})"


# ---- planning (client side) ----------------------------------------------------------------------

def list_files(paths: Sequence[Union[str, Path]]) -> Iterator[Union[tuple[str, str], LoadFailure]]:
    """(absolute path, shown name) of every input file, in the order and with the names of `load_paths`."""
    for item in iter_files(paths):
        yield item if isinstance(item, LoadFailure) else (os.path.abspath(item[0]), item[1])


def _weight(path: str) -> int:
    try:
        size = os.path.getsize(path)
    except OSError:
        return 0
    return size * _GZ_RATIO if path.lower().endswith((".gz", ".tgz", ".zip")) else size


def plan_partitions(files: Sequence[tuple[str, str]], min_partitions: int, block: int = BLOCK,
                    min_part_bytes: int = SPLIT_MIN_BYTES) -> list[Partition]:
    """One partition per file; while there are fewer than `min_partitions`, split the heaviest file further."""
    parts = [1] * len(files)
    weights = [_weight(path) for path, _ in files]
    total = len(files)
    while total < min_partitions:
        # the file whose parts are currently the heaviest gains one more part
        i = max(range(len(files)), key=lambda j: weights[j] / parts[j], default=None)
        if i is None or weights[i] / (parts[i] + 1) < min_part_bytes:
            break
        parts[i] += 1
        total += 1
    plan: list[Partition] = []
    for (path, shown), n in zip(files, parts):
        for k in range(n):
            plan.append(Partition(len(plan), path, shown, k, n, block))
    return plan


# ---- one partition (worker side) -----------------------------------------------------------------

def partition_documents(p: Partition, failures: list[str]) -> Iterator[Document]:
    """The documents of partition p, streamed; load failures that fall in its share go to `failures`."""
    seen = 0
    for item in load_source(file_source(Path(p.path), p.shown)):
        # a failure belongs to the part that owns the next record, so exactly one part reports it
        mine = (seen // p.block) % p.parts == p.part
        if isinstance(item, LoadFailure):
            if mine:
                failures.append(item.line())
            continue
        seen += 1
        if mine:
            yield item


def _paths(out: Path, p: Partition) -> tuple[Path, Path]:
    return out / f"{p.name}.jsonl", out / f"{p.name}.errors.txt"


def run_partition(p: Partition, out: str, fmt: str = "jsonl") -> Summary:
    """Process one partition into out/part-NNNNN.jsonl (renamed into place last); return its summary."""
    from ..write import TableWriter

    out_dir = Path(out)
    part, errors_part = _paths(out_dir, p)
    tmp = part.with_name(part.name + ".tmp")
    summary = Summary()
    failures: list[str] = []
    started = time.perf_counter()
    tables = TableWriter(out_dir / f"{p.name}.{fmt}", fmt) if fmt != "jsonl" else None
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            for batch in _batches(partition_documents(p, failures), BATCH):
                for source, line, reason in process_batch(batch):
                    if line is None:
                        failures.append(f"{source}: {reason or 'failed'}")
                        continue
                    fh.write(line + "\n")
                    summary.add(json.loads(line))
                    if tables is not None:
                        tables.write_line(line)
    except BaseException:
        if tables is not None:
            tables.close(complete=False)
        raise
    if tables is not None:
        tables.close()
    if failures:
        errors_tmp = errors_part.with_name(errors_part.name + ".tmp")
        errors_tmp.write_text("".join(f + "\n" for f in failures), encoding="utf-8")
        os.replace(errors_tmp, errors_part)
    elif errors_part.exists():  # left by an earlier, interrupted attempt
        errors_part.unlink()
    os.replace(tmp, part)  # last: its existence marks the partition complete
    summary.failed = len(failures)
    summary.seconds = time.perf_counter() - started
    return summary


def _warm() -> None:
    """Import every stage (compiling their patterns) and build the spaCy pipeline, before the first task."""
    from .. import pipeline  # noqa: F401
    from ..annotate import get_nlp

    get_nlp()


try:  # a worker plugin builds the spaCy pipeline once per worker process, before its first task
    from distributed.diagnostics.plugin import WorkerPlugin

    class WarmPipeline(WorkerPlugin):
        name = "trialfacts-warm-pipeline"

        def setup(self, worker) -> None:
            _warm()
except ImportError:  # pragma: no cover - dask[distributed] is a declared dependency
    WarmPipeline = None  # type: ignore[assignment,misc]


# ---- the run (client side) -----------------------------------------------------------------------

def _load_plan(out: Path) -> Optional[list[Partition]]:
    path = out / PLAN_FILE
    if not path.exists():
        return None
    return [Partition(**item) for item in json.loads(path.read_text(encoding="utf-8"))["partitions"]]


def _save_plan(out: Path, plan: list[Partition]) -> None:
    tmp = out / (PLAN_FILE + ".tmp")
    tmp.write_text(json.dumps({"partitions": [asdict(p) for p in plan]}, indent=0), encoding="utf-8")
    os.replace(tmp, out / PLAN_FILE)


def _count_lines(path: Path) -> int:
    with open(path, "rb") as fh:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))


def _client(scheduler: Optional[str], workers: int):
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster), cluster


def run_dask(paths: Sequence[Path], out: Path, fmt: str = "jsonl", scheduler: Optional[str] = None,
             workers: int = 0, resume: bool = False, progress: bool = True, stderr: TextIO = sys.stderr,
             min_partitions: Optional[int] = None, block: int = BLOCK,
             min_part_bytes: int = SPLIT_MIN_BYTES) -> Summary:
    """Run every partition on the cluster; see the module docstring for the layout under `out`.

    `min_partitions` (default: 2 × the cluster's worker threads), `block` and `min_part_bytes` shape the plan.
    """
    if fmt not in ("jsonl", "csv", "parquet"):
        raise ValueError(f"--format {fmt!r}: expected jsonl, csv or parquet")
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out}: the Dask engine writes a folder of parts; this is a file")
    out.mkdir(parents=True, exist_ok=True)
    if not resume and (out / PLAN_FILE).exists():
        raise ValueError(f"--out {out} already holds a run: add --resume to finish it, or choose another folder")
    started = time.perf_counter()
    summary = Summary()
    listed = list(list_files(paths))
    files = [f for f in listed if not isinstance(f, LoadFailure)]
    lost = [f.line() for f in listed if isinstance(f, LoadFailure)]
    client, cluster = _client(scheduler, workers)
    bar = _Progress(progress)
    try:
        plan = _load_plan(out) if resume else None
        if plan is not None and sorted({(p.path, p.shown) for p in plan}) != sorted(set(files)):
            raise ValueError(f"--resume: the inputs differ from those of the run in {out}; choose another folder")
        if plan is None:
            threads = sum(client.nthreads().values()) or 1
            plan = plan_partitions(files, min_partitions if min_partitions is not None else 2 * threads, block,
                                   min_part_bytes)
            _save_plan(out, plan)
        todo = []
        for p in plan:
            part = _paths(out, p)[0]
            if part.exists():
                summary.skipped += _count_lines(part)
            else:
                todo.append(p)
        if WarmPipeline is not None:
            client.register_plugin(WarmPipeline())
        from distributed import as_completed

        futures = client.map(run_partition, todo, out=str(out.resolve()), fmt=fmt, pure=False, retries=1)
        which = {f.key: p for f, p in zip(futures, todo)}
        crashed: dict[int, str] = {}
        for future in as_completed(futures):
            p = which[future.key]
            try:
                done: Summary = future.result()
            except Exception as exc:  # noqa: BLE001 - one partition's failure never ends the run
                crashed[p.index] = f"{p.label()}: partition {p.name} failed: {type(exc).__name__}: {exc}"
                print(crashed[p.index], file=stderr)
                continue
            finally:
                future.release()
            if done.failed:
                for line in _paths(out, p)[1].read_text(encoding="utf-8").splitlines():
                    print(line, file=stderr)
            summary.documents += done.documents
            summary.facts.update(done.facts)
            summary.warnings.update(done.warnings)
            bar.update(summary.documents, summary.failed + len(crashed))
    finally:
        bar.stop()
        client.close()
        if cluster is not None:
            cluster.close()
    # errors.txt is rebuilt from every part's errors (done now or in an earlier run), in input order
    lines = list(lost)
    for p in plan:
        errors_part = _paths(out, p)[1]
        if p.index in crashed:
            lines.append(crashed[p.index])
        elif errors_part.exists():
            lines.extend(errors_part.read_text(encoding="utf-8").splitlines())
    (out / ERRORS_FILE).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    summary.failed = len(lines)
    for line in lost:
        print(line, file=stderr)
    summary.seconds = time.perf_counter() - started
    for line in summary.lines():
        print(line, file=stderr)
    print(f"parts: {len(plan)} in {out} ({len(plan) - len(todo)} already complete)", file=stderr)
    return summary
