"""The regression suite: extraction over corpus/ must not score below the checked-in baselines, on the gold set
(gold/, chosen for coverage: tests/baseline.json) and on the development set (gold/dev/, a random draw of trial
abstracts: tests/baseline-dev.json), so that a rule tuned to one set cannot quietly cost the other.
The held-out set (gold/holdout/) has no baseline here on purpose: nobody tunes to it.

When a metric falls, the failure names the documents and the facts that are newly missed or spurious.
After an intended improvement, rewrite the baselines on purpose:
    trialfacts validate --gold gold --corpus corpus --baseline tests/baseline.json --update-baseline
    trialfacts validate --gold gold/dev --corpus corpus/dev --baseline tests/baseline-dev.json --update-baseline
"""

import json
from pathlib import Path

import pytest

from extractor import extract_paths
from extractor.score import read_gold_dir, score
from extractor.score.report import regressions

ROOT = Path(__file__).resolve().parents[1]


GOLD_SETS = {"gold": "baseline.json", "gold/dev": "baseline-dev.json"}


@pytest.fixture(scope="module")
def predictions():
    return [r.model_dump(mode="json") for r in extract_paths([ROOT / "corpus"])]


@pytest.fixture(scope="module", params=GOLD_SETS)
def gold_set(request, predictions):
    return request.param, score(predictions, read_gold_dir(ROOT / request.param))


def test_corpus_holds_only_inputs_that_load():
    # the README's first command runs over corpus/: a stray non-input file there would make it exit 1
    from extractor.load import LoadFailure, load_paths

    assert [f.line() for f in load_paths([ROOT / "corpus"]) if isinstance(f, LoadFailure)] == []


def test_every_gold_record_has_its_document(gold_set):
    _, scores = gold_set
    assert scores.unpaired_gold == []


def test_no_metric_falls_below_the_baseline(gold_set):
    name, scores = gold_set
    baseline = json.loads((ROOT / "tests" / GOLD_SETS[name]).read_text(encoding="utf-8"))
    lines = regressions(scores, baseline)
    assert not lines, f"{name} below its baseline:\n" + "\n".join(lines)
