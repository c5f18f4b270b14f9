"""Draw the random samples that measure the extractors on abstracts nobody tuned rules to.

One random draw (fixed seed) of dosing candidates from the openly licensed corpora, excluding the coverage corpus
chosen by scripts/select_corpus.py. Unlike that script it does not pick for coverage: a random draw estimates
performance on unseen abstracts. The first 30 are the held-out set (corpus/holdout/, gold/holdout/: rule writers never
read them), the next 60 the development set (corpus/dev/, gold/dev/: rule writers may use them as symptoms, like
gold/). random.sample draws its picks one after another, so the 30 held-out documents are the same as when they were
drawn alone. Writes corpus/<name>/<corpus>/<pmid>.txt and gold/<name>/sources.tsv.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "abstracts.jsonl.gz"
OPEN = {"evidence_inference": "MIT (annotations); PMC OA article", "bc5cdr": "NLM public-domain notice",
        "evidence_outcomes": "MIT", "pubmedqa": "MIT"}
SAMPLES = [("holdout", 30), ("dev", 60)]


def main() -> None:
    samples = {name for name, _ in SAMPLES}
    coverage = {p.stem for p in (ROOT / "corpus").rglob("*.txt") if p.relative_to(ROOT / "corpus").parts[0] not in samples}
    records = [json.loads(line) for line in gzip.open(DATA, "rt", encoding="utf-8")]
    pool = [r for r in records if r["corpus"] in OPEN and r.get("dosing_candidate") and r.get("text")
            and r.get("pmid") and r["pmid"] not in coverage and not r.get("tokenized_source")]
    pool.sort(key=lambda r: r["pmid"])
    drawn = random.Random(3).sample(pool, sum(size for _, size in SAMPLES))
    for name, size in SAMPLES:
        chosen, drawn = drawn[:size], drawn[size:]
        rows = ["file\tpmid\tcorpus\tsource\tlicence"]
        for r in chosen:
            path = ROOT / "corpus" / name / r["corpus"] / f"{r['pmid']}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            title = r.get("title")
            path.write_text((f"{title}\n\n" if title else "") + r["text"] + "\n", encoding="utf-8")
            rows.append(f"{path.relative_to(ROOT)}\t{r['pmid']}\t{r['corpus']}\t{r['source']}\t{OPEN[r['corpus']]}")
        (ROOT / "gold" / name).mkdir(parents=True, exist_ok=True)
        (ROOT / "gold" / name / "sources.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"{name}: {len(chosen)} of {len(pool)} candidates", file=sys.stderr)


if __name__ == "__main__":
    main()
