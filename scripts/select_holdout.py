"""Draw a held-out sample for measuring how the extractors do on abstracts nobody tuned rules to.

A plain random sample (fixed seed) of dosing candidates from the openly licensed corpora, excluding everything already
in corpus/. Unlike scripts/select_corpus.py it does not pick for coverage: a random draw estimates performance on
unseen abstracts. Writes corpus/holdout/<corpus>/<pmid>.txt and gold/holdout/sources.tsv. Rule writers do not read
these files; gold/holdout/ is curated from the abstract alone.
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
SIZE = 30


def main() -> None:
    taken = {p.stem for p in (ROOT / "corpus").rglob("*.txt")}
    records = [json.loads(line) for line in gzip.open(DATA, "rt", encoding="utf-8")]
    pool = [r for r in records if r["corpus"] in OPEN and r.get("dosing_candidate") and r.get("text")
            and r.get("pmid") and r["pmid"] not in taken and not r.get("tokenized_source")]
    pool.sort(key=lambda r: r["pmid"])
    chosen = random.Random(3).sample(pool, SIZE)
    out = ROOT / "corpus" / "holdout"
    rows = ["file\tpmid\tcorpus\tsource\tlicence"]
    for r in chosen:
        path = out / r["corpus"] / f"{r['pmid']}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        title = r.get("title")
        path.write_text((f"{title}\n\n" if title else "") + r["text"] + "\n", encoding="utf-8")
        rows.append(f"{path.relative_to(ROOT)}\t{r['pmid']}\t{r['corpus']}\t{r['source']}\t{OPEN[r['corpus']]}")
    (ROOT / "gold" / "holdout").mkdir(parents=True, exist_ok=True)
    (ROOT / "gold" / "holdout" / "sources.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(chosen)} of {len(pool)} candidates", file=sys.stderr)


if __name__ == "__main__":
    main()
