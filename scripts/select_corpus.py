"""Choose the gold-set abstracts from ../shared/data/abstracts.jsonl.gz for coverage, and copy them into corpus/.

Run once to build the corpus (kept for the record of how it was chosen): each category takes its quota of not yet
chosen abstracts, in a fixed random order, from the openly licensed corpora (see ../shared/data/README.md), plus a
few tokenized-source records (ebmnlp_scibert, Apache-2.0). Writes corpus/<corpus>/<pmid>.txt ("title, blank line,
abstract") and gold/corpus-sources.tsv (kept out of corpus/, which holds only inputs).
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "abstracts.jsonl.gz"
OPEN = {"evidence_inference": "MIT (annotations); PMC OA article", "bc5cdr": "NLM public-domain notice",
        "evidence_outcomes": "MIT", "pubmedqa": "MIT", "ebmnlp_scibert": "Apache-2.0"}

R = lambda p: regex.compile(p, regex.I)  # noqa: E731
CATEGORIES = [  # (name, quota, predicate on the record)
    ("phase1_dose_escalation", 9, lambda r, t: R(r"phase\s*(I|1)\b(?!I|/)").search(t) and R(r"dose[- ]limiting|maximum tolerated|dose escalation").search(t)),
    ("phase2_response", 9, lambda r, t: R(r"phase\s*(II|2)\b").search(t) and R(r"response rate").search(t)),
    ("phase3_randomized_arms", 8, lambda r, t: R(r"phase\s*(III|3)\b").search(t) and R(r"randomi[sz]ed").search(t) and R(r"\d%.{0,60}\b(versus|vs\.?|compared with)\b.{0,60}\d%").search(t)),
    ("iu_dosing", 9, lambda r, t: R(r"\d\s*(IU|MIU|MU|U/kg|units?/kg|international units|million units)\b").search(t)),
    ("mg_m2", 7, lambda r, t: R(r"\d\s*mg\s*/\s*m\(?2|mg/m²|per square met").search(t)),
    ("mg_kg", 7, lambda r, t: R(r"\d\s*(mg|µg|mcg|μg)\s*/\s*kg|mg per kilogram").search(t)),
    ("auc_gy", 6, lambda r, t: R(r"\bAUC\s*(of\s*)?\d|area under the curve of \d|\d\s*Gy\b").search(t)),
    ("ranges_lists_respectively", 6, lambda r, t: R(r"\d+\s*(mg|µg|IU)\b[^.]{0,80}respectively|\d+\s*(,|or|and|to|-)\s*\d+\s*mg\b").search(t)),
    ("number_words", 5, lambda r, t: R(r"(^|\. )(Twenty|Thirty|Forty|Fifty|Sixty|Seventy|Eighty|Ninety|One hundred|Two hundred|Three hundred)[\w -]* (patients|subjects|participants|women|men|children)").search(t)),
    ("n_of_N", 5, lambda r, t: R(r"\b\d+\s*/\s*\d+\s*\(\d+(\.\d+)?\s*%\)|\b\d+ of \d+ (patients|subjects)").search(t)),
    ("graded_adverse_events", 7, lambda r, t: R(r"grade\s*(3|III|≥\s*3|>=\s*3)").search(t)),
    ("lab_values_not_doses", 4, lambda r, t: R(r"\d\s*(IU/L|U/L|mg/dL|g/dL|ng/mL|mmol/L)").search(t)),
    ("no_dose", 4, lambda r, t: not R(r"\d\s*(mg|g|µg|mcg|IU|U|Gy|ml|mL)\b").search(t)),
    ("tokenized_source", 4, lambda r, t: r.get("tokenized_source") and r.get("dosing_candidate")),
]


def main() -> None:
    records = [json.loads(line) for line in gzip.open(DATA, "rt", encoding="utf-8")]
    pool = [r for r in records if r["corpus"] in OPEN and r.get("text") and r.get("pmid")]
    random.Random(20261121).shuffle(pool)
    chosen: dict[str, tuple[str, dict]] = {}
    for name, quota, pred in CATEGORIES:
        # dosing candidates first: they carry the facts the product extracts
        ordered = sorted(pool, key=lambda r: not r.get("dosing_candidate") if name != "no_dose" else bool(r.get("dosing_candidate")))
        taken = 0
        for r in ordered:
            if taken == quota:
                break
            if r["pmid"] in chosen or (r.get("tokenized_source") and name != "tokenized_source"):
                continue
            if pred(r, r["text"]):
                chosen[r["pmid"]] = (name, r)
                taken += 1
        print(f"{name}: {taken}/{quota}", file=sys.stderr)
    out = ROOT / "corpus"
    rows = ["file\tpmid\tcategory\tcorpus\tsource\tlicence"]
    for pmid, (name, r) in chosen.items():
        path = out / r["corpus"] / f"{pmid}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        title = r.get("title")
        path.write_text((f"{title}\n\n" if title else "") + r["text"] + "\n", encoding="utf-8")
        rows.append(f"{path.relative_to(ROOT)}\t{pmid}\t{name}\t{r['corpus']}\t{r['source']}\t{OPEN[r['corpus']]}")
    (ROOT / "gold" / "corpus-sources.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(chosen)} abstracts", file=sys.stderr)


if __name__ == "__main__":
    main()
