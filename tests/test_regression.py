"""The regression suite on the gold set: extraction over corpus/ must not score below tests/baseline.json.

When a metric falls, the failure names the documents and the facts that are newly missed or spurious.
After an intended improvement, rewrite the baseline on purpose:
    trialfacts validate --gold gold --corpus corpus --baseline tests/baseline.json --update-baseline
"""

import json
from pathlib import Path

import pytest

from extractor import extract_paths
from extractor.score import read_gold_dir, score
from extractor.score.report import regressions

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def scores():
    preds = [r.model_dump(mode="json") for r in extract_paths([ROOT / "corpus"])]
    return score(preds, read_gold_dir(ROOT / "gold"))


def test_corpus_holds_only_inputs_that_load():
    # the README's first command runs over corpus/: a stray non-input file there would make it exit 1
    from extractor.load import LoadFailure, load_paths

    assert [f.line() for f in load_paths([ROOT / "corpus"]) if isinstance(f, LoadFailure)] == []


def test_every_gold_record_has_its_document(scores):
    assert scores.unpaired_gold == []


def test_no_metric_falls_below_the_baseline(scores):
    baseline = json.loads((ROOT / "tests" / "baseline.json").read_text(encoding="utf-8"))
    lines = regressions(scores, baseline)
    assert not lines, "below the baseline:\n" + "\n".join(lines)
