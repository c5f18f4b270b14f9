"""Score predicted records against gold records, exactly as RECORDS.md §3 says.

Per metric and document: merge facts by the metric's key (first one kept), then greedy one-to-one
matching — gold facts in order, each taking the first unmatched predicted fact that matches. Precision,
recall and F1 are micro-averaged over the gold documents. Phases and meta fields are accuracies.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from .metrics import FACT_METRICS, META_FIELDS, Metric, fold_meta


def merge(facts: list[dict], metric: Metric) -> list[dict]:
    seen, kept = set(), []
    for fact in facts:
        key = metric.key(fact)
        if key not in seen:
            seen.add(key)
            kept.append(fact)
    return kept


def greedy_match(pred: list[dict], gold: list[dict], metric: Metric) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """(matched pairs, missed gold facts, spurious predicted facts) after merging both sides."""
    pred, gold = merge(pred, metric), merge(gold, metric)
    used = [False] * len(pred)
    pairs, missed = [], []
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and metric.matches(p, g):
                used[i] = True
                pairs.append((p, g))
                break
        else:
            missed.append(g)
    spurious = [p for i, p in enumerate(pred) if not used[i]]
    return pairs, missed, spurious


@dataclass
class Tally:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.p, self.r
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "pred": self.pred, "gold": self.gold}


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0

    def as_dict(self) -> dict:
        return {"accuracy": round(self.accuracy, 4), "correct": self.correct, "total": self.total}


@dataclass
class Scores:
    facts: dict[str, Tally] = field(default_factory=lambda: {m.name: Tally() for m in FACT_METRICS})
    phases: Accuracy = field(default_factory=Accuracy)
    meta: dict[str, Accuracy] = field(default_factory=lambda: {f: Accuracy() for f in META_FIELDS})
    documents: dict[str, dict] = field(default_factory=dict)
    unpaired_gold: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, dict]:
        out = {name: t.as_dict() for name, t in self.facts.items()}
        out["phases"] = self.phases.as_dict()
        for name, acc in self.meta.items():
            if acc.total:
                out[f"meta.{name}"] = acc.as_dict()
        return out

    def report(self) -> dict:
        return {**self.figures(), "documents": self.documents, "unpaired_gold": self.unpaired_gold}


def _evidence(fact: dict) -> dict:
    """A fact as the report shows it: its fields, evidence text first when it has one."""
    shown = {k: v for k, v in fact.items() if k not in ("start", "end") and v not in (None, [], "")}
    return dict(sorted(shown.items(), key=lambda kv: kv[0] != "text"))


def score_document(pred: dict, gold: dict, scores: Scores) -> None:
    detail: dict[str, dict] = {}
    for metric in FACT_METRICS:
        pairs, missed, spurious = greedy_match(pred.get(metric.facts) or [], gold.get(metric.facts) or [], metric)
        tally = scores.facts[metric.name]
        tally.tp += len(pairs)
        tally.pred += len(pairs) + len(spurious)
        tally.gold += len(pairs) + len(missed)
        if missed or spurious:
            detail[metric.name] = {"missed": [_evidence(g) for g in missed], "spurious": [_evidence(p) for p in spurious]}
    pred_phases, gold_phases = set(pred.get("phases") or []), set(gold.get("phases") or [])
    scores.phases.total += 1
    scores.phases.correct += pred_phases == gold_phases
    if pred_phases != gold_phases:
        detail["phases"] = {"pred": sorted(pred_phases), "gold": sorted(gold_phases)}
    gold_meta, pred_meta = gold.get("meta") or {}, pred.get("meta") or {}
    for name in META_FIELDS:
        if gold_meta.get(name) in (None, "", []):
            continue
        acc = scores.meta[name]
        acc.total += 1
        if fold_meta(pred_meta.get(name)) == fold_meta(gold_meta[name]):
            acc.correct += 1
        else:
            detail[f"meta.{name}"] = {"pred": pred_meta.get(name), "gold": gold_meta[name]}
    if detail:
        scores.documents[gold["doc_id"]] = detail


def _stem(source: str) -> str:
    return Path(source.split("#", 1)[0]).stem


def pair_records(preds: Iterable[dict], golds: Iterable[dict]) -> tuple[list[tuple[dict, dict]], list[str]]:
    """Pair each gold record with its predicted record: by doc_id, else by the gold `file` stem."""
    by_id: dict[str, dict] = {}
    by_stem: dict[str, dict] = {}
    for p in preds:
        by_id.setdefault(str(p["doc_id"]), p)
        if p.get("source"):
            by_stem.setdefault(_stem(p["source"]), p)
        if p.get("file"):
            by_stem.setdefault(p["file"], p)
    pairs, unpaired = [], []
    for g in golds:
        p = by_id.get(str(g["doc_id"])) or (by_stem.get(g["file"]) if g.get("file") else None)
        if p is None:
            unpaired.append(g["doc_id"])
            p = {"doc_id": g["doc_id"]}  # no prediction: every gold fact is missed
        pairs.append((p, g))
    return pairs, unpaired


def score(preds: Iterable[dict], golds: Iterable[dict]) -> Scores:
    scores = Scores()
    pairs, scores.unpaired_gold = pair_records(preds, golds)
    for p, g in pairs:
        score_document(p, g, scores)
    return scores


def read_gold_dir(directory: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(directory).glob("*.json"))]


def read_predictions(path: Path) -> list[dict]:
    """Predicted records: a JSON Lines file, or a folder of gold-format JSON (a second curator's reading)."""
    path = Path(path)
    if path.is_dir():
        return read_gold_dir(path)
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def worst_drop(figures: dict, baseline: dict, tolerance: float = 1e-9) -> list[tuple[str, float, float]]:
    """Metrics whose F1 (or accuracy) fell below the baseline's: (metric, baseline, now)."""
    drops = []
    for name, base in baseline.items():
        if not isinstance(base, dict) or name not in figures:
            continue
        field_ = "f1" if "f1" in base else "accuracy"
        now = figures[name].get(field_)
        if now is not None and now + tolerance < base[field_]:
            drops.append((name, base[field_], now))
    return drops


def figure_of(figures: dict, name: str) -> Optional[float]:
    entry = figures.get(name) or {}
    return entry.get("f1", entry.get("accuracy"))
