"""Present scores: the table printed by `trialfacts validate`, the JSON report, and baseline comparison."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .scorer import Scores, worst_drop


def print_table(scores: Scores, console: Console) -> None:
    table = Table(title="trialfacts: scores against gold (RECORDS.md §3)")
    for col in ("metric", "P", "R", "F1 / acc", "tp", "pred", "gold"):
        table.add_column(col, justify="left" if col == "metric" else "right")
    for name, fig in scores.figures().items():
        if "f1" in fig:
            table.add_row(name, f"{fig['p']:.3f}", f"{fig['r']:.3f}", f"{fig['f1']:.3f}",
                          str(fig["tp"]), str(fig["pred"]), str(fig["gold"]))
        else:
            table.add_row(name, "", "", f"{fig['accuracy']:.3f}", str(fig["correct"]), "", str(fig["total"]))
    console.print(table)
    if scores.unpaired_gold:
        console.print(f"[yellow]{len(scores.unpaired_gold)} gold records had no predicted record:[/] "
                      + ", ".join(scores.unpaired_gold[:20]))


def baseline_of(scores: Scores) -> dict:
    """What a baseline keeps: the figures, and per document what was missed or spurious then."""
    return {"figures": scores.figures(), "documents": scores.documents}


def write_json(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")


def _facts(detail: dict, metric: str, side: str) -> set[str]:
    entry = detail.get(metric) or {}
    return {json.dumps(f, sort_keys=True, ensure_ascii=False) for f in entry.get(side, [])} if isinstance(entry.get(side), list) else set()


def regressions(scores: Scores, baseline: dict) -> list[str]:
    """Lines naming each metric below the baseline and, for it, the documents and facts that changed."""
    lines = []
    for metric, before, now in worst_drop(scores.figures(), baseline["figures"]):
        lines.append(f"{metric}: {now:.4f} < baseline {before:.4f}")
        docs = set(scores.documents) | set(baseline.get("documents", {}))
        for doc_id in sorted(docs):
            new, old = scores.documents.get(doc_id, {}), baseline.get("documents", {}).get(doc_id, {})
            if metric == "phases" or metric.startswith("meta."):
                if new.get(metric) != old.get(metric) and new.get(metric):
                    lines.append(f"  {doc_id}: {metric} now {new[metric]['pred']!r}, gold {new[metric]['gold']!r}")
                continue
            for side, word in (("missed", "newly missed"), ("spurious", "newly spurious")):
                for fact in sorted(_facts(new, metric, side) - _facts(old, metric, side)):
                    lines.append(f"  {doc_id}: {word}: {fact}")
    return lines
