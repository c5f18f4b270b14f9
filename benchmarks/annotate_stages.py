"""Cost of normalize and of each annotation component on real abstracts, plus the whole pipeline in-process.

    .venv/bin/python benchmarks/annotate_stages.py [--limit 2000] [--repeat 3] [--pipeline] [--profile]

Prints docs/s per stage, from the process's CPU time (best of --repeat runs): on a shared machine wall time mostly
measures the neighbours, CPU time what one quiet core would do.
--pipeline: `extractor.extract_paths` over a temporary .jsonl of the same records (load -> ... -> validate), one process.
--profile: cProfile of `annotate_many` over the normalized texts, top functions by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "abstracts.jsonl.gz"


def read_records(limit: int) -> list[dict]:
    records = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            records.append(json.loads(line))
            if len(records) >= limit:
                break
    return records


def best_rate(n: int, run, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        run()
        best = min(best, time.process_time() - t)
    return n / best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pipeline", action="store_true")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()

    from extractor.annotate import annotate_many, get_nlp
    from extractor.normalize import normalize

    records = read_records(args.limit)
    texts = [r["text"] for r in records]
    n = len(texts)
    t = time.process_time()
    nlp = get_nlp()
    print(f"get_nlp (start-up): {time.process_time() - t:.2f} s")

    print(f"normalize: {best_rate(n, lambda: [normalize(x) for x in texts], args.repeat):,.0f} docs/s")
    norm = [normalize(x)[0] for x in texts]
    # first pass: every abstract new to the process's caches (tokenizer chunks, token memos), as in a real run
    t = time.process_time()
    list(annotate_many(norm))
    rate = n / (time.process_time() - t)
    print(f"annotate_many, first pass: {rate:,.0f} docs/s ({1e3 / rate:.3f} ms/doc); below: best of {args.repeat}, caches warm")

    tok_rate = best_rate(n, lambda: [nlp.make_doc(x) for x in norm], args.repeat)
    print(f"  tokenizer: {tok_rate:,.0f} docs/s ({1e3 / tok_rate:.3f} ms/doc)")
    for name, proc in nlp.pipeline:
        best = float("inf")
        for _ in range(args.repeat):
            # components change the doc, so each run gets fresh docs, brought up to this component before the clock starts
            docs = [nlp.make_doc(x) for x in norm]
            for prev_name, prev in nlp.pipeline:
                if prev_name == name:
                    break
                docs = [prev(d) for d in docs]
            t = time.process_time()
            for d in docs:
                proc(d)
            best = min(best, time.process_time() - t)
        print(f"  {name}: {n / best:,.0f} docs/s ({best * 1e3 / n:.3f} ms/doc)")
    rate = best_rate(n, lambda: list(annotate_many(norm)), args.repeat)
    print(f"annotate_many (all components): {rate:,.0f} docs/s ({1e3 / rate:.3f} ms/doc)")
    docs = list(annotate_many(norm))
    print(f"  per doc: {sum(len(d) for d in docs) / n:.0f} tokens, {sum(len(d.ents) for d in docs) / n:.2f} drug mentions, "
          f"{sum(len(d._.abbreviations) for d in docs) / n:.2f} abbreviation occurrences")

    if args.pipeline:
        from extractor import extract_paths

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "abstracts.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
            written = 0

            def run():
                nonlocal written
                written = sum(1 for _ in extract_paths([path]))

            rate = best_rate(n, run, args.repeat)
            print(f"whole pipeline in-process (load -> validate, {written} records): {rate:,.0f} docs/s")

    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        list(annotate_many(norm))
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
