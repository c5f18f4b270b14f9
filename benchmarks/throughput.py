"""Throughput and memory of trialfacts on real abstracts, end to end and per stage.

    .venv/bin/python benchmarks/throughput.py [--limit N] [--skip-4x] [--profile N] [--dask]

1. End to end: `trialfacts extract CORPUS --out ... --workers W` as a subprocess, for W = 1 and 2: wall time,
   documents/s and words/s (startup included), the steady rate the CLI reports (startup excluded), and peak RSS
   summed over the process tree (psutil, polled every 50 ms).
2. Per stage, in this process, on the same texts: load, normalize, annotate (and each spaCy component), each
   extractor, validate, JSON serialization; share of the total.
3. The floor: a bare `regex` scan of the same texts for doses (number + unit) and percentages.
4. 4x the corpus (distinct pmids) with --workers 2: peak RSS must not grow with the corpus.
5. With --dask, the same corpus through `--engine dask` on a 2-worker LocalCluster.
Tables are printed as Markdown, so they can be pasted into docs/PERFORMANCE.md as they are.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import os
import pstats
import resource
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import psutil
import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "abstracts.jsonl.gz"

# The floor: what a single pass of one compiled pattern over the text costs. A dose is a number and a unit,
# a rate a number and "%"; nothing is interpreted.
FLOOR = regex.compile(
    r"\d+(?:[.,]\d+)?\s?(?:%|(?:mg|µg|μg|mcg|ng|g|IU|MIU|U|mL|ml|Gy|mmol|JRU)(?:/(?:m2|m²|kg|day|d|L))?\b)")
# Stage timings are CPU seconds of this (single-threaded) process, so other load on the machine does not inflate them.
clock = time.process_time
_RATE_LINE = re.compile(r"documents: (\d+) written \((\d+)/s\)")


def corpus_subset(limit: int | None, tmp: Path) -> Path:
    """The corpus itself, or its first `limit` lines as a .jsonl.gz."""
    if not limit:
        return CORPUS
    path = tmp / f"abstracts-{limit}.jsonl.gz"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as src, gzip.open(path, "wt", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            if n == limit:
                break
            dst.write(line)
    return path


def repeated(path: Path, times: int, tmp: Path) -> Path:
    """The corpus `times` over, each copy with its own pmids (doc_id) so nothing collides."""
    out = tmp / f"{path.name.split('.')[0]}-x{times}.jsonl.gz"
    with gzip.open(out, "wt", encoding="utf-8") as dst:
        for copy in range(times):
            with gzip.open(path, "rt", encoding="utf-8") as src:
                for n, line in enumerate(src):
                    item = json.loads(line)
                    item["pmid"] = f"{item.get('pmid') or 'n' + str(n)}-copy{copy}"
                    dst.write(json.dumps(item) + "\n")
    return out


def cli() -> list[str]:
    script = Path(sys.executable).with_name("trialfacts")
    return [str(script)] if script.exists() else [sys.executable, "-m", "extractor.cli"]


def run_cli(inp: Path, out: Path, workers: int, extra: tuple[str, ...] = ()) -> dict:
    """Run the CLI; wall seconds, exit status, the CLI's own rate line and the tree's peak RSS."""
    cmd = [*cli(), "extract", str(inp), "--out", str(out), "--workers", str(workers), "--no-progress", *extra]
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    root = psutil.Process(proc.pid)
    peak = 0
    stderr_chunks: list[str] = []
    # read stderr on a thread so a chatty run never blocks on a full pipe while we poll
    import threading

    reader = threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    while proc.poll() is None:
        rss = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                try:
                    rss += p.memory_info().rss
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        peak = max(peak, rss)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    reader.join()
    # CPU of the whole tree: the CLI's rusage includes its worker processes once they have been waited for
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime + cpu_after.ru_stime) - (cpu_before.ru_utime + cpu_before.ru_stime)
    err = "".join(stderr_chunks)
    m = _RATE_LINE.search(err)
    if proc.returncode not in (0, 1) or not m:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    errors = re.search(r"^errors: (\d+)", err, re.M)
    return {"seconds": seconds, "cpu": cpu, "errors": int(errors.group(1)) if errors else 0, "documents": int(m.group(1)), "steady": int(m.group(2)), "peak_rss": peak,
            "status": proc.returncode}


def stage_times(path: Path, profile: int) -> tuple[dict, dict, dict]:
    """Seconds per stage over every document of `path`, calling the stage functions directly."""
    from extractor.annotate import annotate_many, get_nlp
    from extractor.extract import Found, adverse_events, counts, doses, phases, rates
    from extractor.load import Document, load_paths
    from extractor.models import Record
    from extractor.normalize import normalize
    from extractor.validate import validate_record

    t = clock()
    nlp = get_nlp()
    startup = clock() - t

    times: dict[str, float] = defaultdict(float)
    t = clock()
    documents = [d for d in load_paths([path]) if isinstance(d, Document)]
    times["load"] = clock() - t
    words = sum(len(d.text.split()) for d in documents)

    extractors = [("phases", phases), ("doses", doses), ("counts", counts), ("rates", rates),
                  ("adverse_events", adverse_events)]
    chunk = 256  # annotated Docs are held a chunk at a time, not the whole corpus
    for start in range(0, len(documents), chunk):
        batch = documents[start:start + chunk]
        t = clock()
        normalized = [normalize(d.text) for d in batch]
        times["normalize"] += clock() - t
        t = clock()
        docs = list(annotate_many(text for text, _ in normalized))
        times["annotate"] += clock() - t
        for d, (text, repairs), doc in zip(batch, normalized, docs):
            found = Found(title=d.meta.title)
            for name, module in extractors:
                t = clock()
                setattr(found, name, module.extract(doc, found))
                times[name] += clock() - t
            t = clock()
            record = validate_record(Record(
                doc_id=d.doc_id, source=d.source, meta=d.meta, text=text, phases=found.phases, doses=found.doses,
                counts=found.counts, rates=found.rates, adverse_events=found.adverse_events,
                warnings=[*d.warnings, *repairs, *found.warnings]))
            times["validate"] += clock() - t
            t = clock()
            record.model_dump_json()
            times["write (JSON)"] += clock() - t

    # annotate, broken down by spaCy component on a sample (the same calls nlp.pipe makes, one at a time)
    sample = [normalize(d.text)[0] for d in documents[:profile or 2000]]
    components: dict[str, float] = defaultdict(float)
    for text in sample:
        t = clock()
        doc = nlp.make_doc(text)
        components["tokenizer"] += clock() - t
        for name, proc in nlp.pipeline:
            t = clock()
            doc = proc(doc)
            components[name] += clock() - t
    scale = len(documents) / max(len(sample), 1)
    components = {k: v * scale for k, v in components.items()}

    t = clock()
    hits = sum(len(FLOOR.findall(d.text)) for d in documents)
    floor = clock() - t
    info = {"documents": len(documents), "words": words, "startup": startup, "floor": floor, "floor_hits": hits,
            "vocab": len(nlp.vocab.strings)}
    return dict(times), components, info


def profile_pipeline(path: Path, n: int, top: int = 25) -> str:
    """cProfile of process_many on the first n documents: the functions where the time goes."""
    from extractor.load import Document, load_paths
    from extractor.pipeline import process_many

    documents = [d for _, d in zip(range(n), (d for d in load_paths([path]) if isinstance(d, Document)))]
    profiler = cProfile.Profile()
    profiler.enable()
    for record in process_many(documents):
        record.model_dump_json()
    profiler.disable()
    buf = io.StringIO()
    stats = pstats.Stats(profiler, stream=buf)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    return buf.getvalue()


def revision() -> str:
    """The commit measured, and whether the tree had uncommitted changes (figures move with the code)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "extractor"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return f"commit {head}" + (" + uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "commit unknown"


def mb(n: float) -> str:
    return f"{n / 2**20:,.0f} MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="only the first N abstracts (a quick run)")
    ap.add_argument("--skip-4x", action="store_true", help="skip the run on 4x the corpus")
    ap.add_argument("--profile", type=int, default=0, metavar="N",
                    help="also print a cProfile of the pipeline on N abstracts")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to run end to end")
    ap.add_argument("--dask", action="store_true",
                    help="also run --engine dask (a 2-worker LocalCluster) on the same corpus")
    args = ap.parse_args()
    # a benchmark stopped with kill still removes its temporary corpus and outputs (the finally below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    tmp = Path(tempfile.mkdtemp(prefix="trialfacts-bench-"))
    try:
        inp = corpus_subset(args.limit, tmp)
        print(f"# trialfacts throughput — {inp.name}, {os.cpu_count()} cores, "
              f"{mb(psutil.virtual_memory().total)} RAM, Python {sys.version.split()[0]}, {revision()}\n")

        times, components, info = stage_times(inp, args.profile)
        n, words = info["documents"], info["words"]

        runs = {}
        for w in args.workers:
            runs[w] = run_cli(inp, tmp / f"out-w{w}.jsonl", w)
        print(f"## End to end (`trialfacts extract`, {n:,} abstracts, {words:,} words)\n")
        print("| workers | wall s | documents/s | words/s | steady documents/s (CLI, after start-up) "
              "| CPU s (tree) | documents per CPU-second | peak RSS (tree) | errors |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for w, r in runs.items():
            print(f"| {w} | {r['seconds']:.1f} | {r['documents'] / r['seconds']:,.0f} | {words / r['seconds']:,.0f} "
                  f"| {r['steady']:,} | {r['cpu']:.1f} | {r['documents'] / r['cpu']:,.0f} | {mb(r['peak_rss'])} "
                  f"| {r['errors']} |")
        print(f"\nmachine load average during the runs: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
              "(wall-clock figures are only meaningful on an otherwise idle machine; CPU figures hold either way)")

        total = sum(times.values())
        print(f"\n## Per stage (in process, one core, {n:,} abstracts; pipeline built once in {info['startup']:.1f} s)\n")
        print("| stage | seconds | ms/document | share |")
        print("|---|---:|---:|---:|")
        for name, s in times.items():
            print(f"| {name} | {s:.2f} | {1000 * s / n:.3f} | {100 * s / total:.1f}% |")
        print(f"| **total** | {total:.2f} | {1000 * total / n:.3f} | 100% ({n / total:,.0f} documents/s/core) |")
        ann = sum(components.values())
        print(f"\nannotate by spaCy component (first {min(args.profile or 2000, n):,} abstracts, scaled to {n:,}):\n")
        print("| component | seconds | share of annotate | share of total |")
        print("|---|---:|---:|---:|")
        for name, s in components.items():
            print(f"| {name} | {s:.2f} | {100 * s / ann:.1f}% | {100 * s / total:.1f}% |")
        print(f"\nspaCy string store after the run: {info['vocab']:,} strings (it grows with new words, never shrinks)")

        best = max(runs)
        e2e = runs[best]["documents"] / runs[best]["seconds"]
        floor_rate = n / info["floor"]
        print("\n## Floor (bare `regex` scan for number+unit and %, one core)\n")
        print("| | documents/s | words/s |")
        print("|---|---:|---:|")
        print(f"| floor ({info['floor_hits']:,} hits) | {floor_rate:,.0f} | {words / info['floor']:,.0f} |")
        print(f"| end to end, {best} workers | {e2e:,.0f} | {words / runs[best]['seconds']:,.0f} |")
        print(f"\nend to end / floor: {floor_rate / e2e:,.0f}x slower "
              f"(per core: {floor_rate / (n / total):,.0f}x)")

        if args.dask:
            rd = run_cli(inp, tmp / "out-dask", 2, ("--engine", "dask"))
            print(f"\n## Dask engine (`--engine dask`, LocalCluster of 2 worker processes, {rd['documents']:,} abstracts)\n")
            print("| engine | wall s | documents/s | CPU s (tree) | documents per CPU-second | peak RSS (tree) |")
            print("|---|---:|---:|---:|---:|---:|")
            for name, r in (("local, 2 workers", runs.get(2)), ("dask, 2 workers", rd)):
                if r:
                    print(f"| {name} | {r['seconds']:.1f} | {r['documents'] / r['seconds']:,.0f} | {r['cpu']:.1f} "
                          f"| {r['documents'] / r['cpu']:,.0f} | {mb(r['peak_rss'])} |")

        if not args.skip_4x:
            big = repeated(inp, 4, tmp)
            r4 = run_cli(big, tmp / "out-x4.jsonl", 2)
            base = runs.get(2) or runs[best]
            print(f"\n## 4x the corpus ({r4['documents']:,} abstracts, --workers 2)\n")
            print("| corpus | documents | wall s | documents/s | peak RSS (tree) |")
            print("|---|---:|---:|---:|---:|")
            print(f"| 1x | {base['documents']:,} | {base['seconds']:.1f} | {base['documents'] / base['seconds']:,.0f} "
                  f"| {mb(base['peak_rss'])} |")
            print(f"| 4x | {r4['documents']:,} | {r4['seconds']:.1f} | {r4['documents'] / r4['seconds']:,.0f} "
                  f"| {mb(r4['peak_rss'])} |")

        if args.profile:
            print(f"\n## cProfile of the pipeline on {args.profile:,} abstracts\n\n```")
            print(profile_pipeline(inp, args.profile))
            print("```")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
