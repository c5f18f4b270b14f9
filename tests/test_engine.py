"""The batch engine end to end on real abstracts: workers, resume, errors file, exit status, tables."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd

from extractor.engine.local import errors_path, run_local

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
SOME = sorted((ROOT / "corpus" / "evidence_inference").glob("*.txt"))[:6]


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def make_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in [*SEEDS, *SOME]:
        shutil.copy(f, folder / f.name)
    return folder


def test_two_workers_write_the_same_records_in_the_same_order_as_one(tmp_path):
    folder = make_folder(tmp_path)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_local([folder], one, workers=1, progress=False)
    run_local([folder], two, workers=2, progress=False)
    assert records(one) == records(two)
    assert len(records(one)) == len(SEEDS) + len(SOME)


def test_resume_after_a_killed_run_drops_the_partial_line_and_skips_what_is_done(tmp_path):
    folder = make_folder(tmp_path)
    full = tmp_path / "full.jsonl"
    run_local([folder], full, workers=1, progress=False)
    lines = full.read_text(encoding="utf-8").splitlines(keepends=True)
    # a run killed while writing its fourth record: three whole lines and half of the next
    out = tmp_path / "killed.jsonl"
    out.write_text("".join(lines[:3]) + lines[3][: len(lines[3]) // 2], encoding="utf-8")
    summary = run_local([folder], out, workers=1, resume=True, progress=False)
    assert summary.skipped == 3 and summary.documents == len(lines) - 3
    assert sorted(r["source"] for r in records(out)) == sorted(r["source"] for r in records(full))


def test_bad_inputs_are_named_in_the_errors_file_and_the_rest_is_written(tmp_path):
    folder = make_folder(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.xml").write_text("<PubmedArticleSet><PubmedArticle><MedlineCitation>", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    proc = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", str(folder), "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    errors = errors_path(out).read_text(encoding="utf-8").splitlines()
    assert any(line.startswith(str(folder / "empty.txt") + ": ") for line in errors), errors
    assert any(line.startswith(str(folder / "broken.xml")) for line in errors), errors
    assert all(line in proc.stderr for line in errors)
    assert len(records(out)) == len(SEEDS) + len(SOME)
    assert "errors: 2" in proc.stderr


def test_parquet_and_csv_tables_join_by_doc_id(tmp_path):
    folder = make_folder(tmp_path)
    run_local([folder], tmp_path / "t.parquet", fmt="parquet", workers=1, progress=False)
    run_local([folder], tmp_path / "t.csv", fmt="csv", workers=1, progress=False)
    docs = pd.read_parquet(tmp_path / "t.documents.parquet")
    assert len(docs) == len(SEEDS) + len(SOME)
    for table in ("doses", "counts", "rates", "adverse_events", "warnings"):
        facts = pd.read_parquet(tmp_path / f"t.{table}.parquet")
        assert set(facts["doc_id"]) <= set(docs["doc_id"])
        assert len(pd.read_csv(tmp_path / f"t.{table}.csv")) == len(facts)
    assert not list(tmp_path.glob("*.part"))
