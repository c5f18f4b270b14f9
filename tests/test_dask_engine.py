"""The Dask engine on a real 2-worker LocalCluster: the same records and errors as the local engine, split files,
resume of missing parts only, and tables per part."""

import gzip
import json
import logging
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

from extractor.engine.dask import ERRORS_FILE, PLAN_FILE, run_dask
from extractor.engine.local import errors_path, run_local

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ROOT.parent / "shared" / "data" / "formats"
# a 15-record PubMed XML export (146 KB): split into parts below (small blocks and parts keep the test fast)
MULTI_XML = FORMATS / "pubmed_xml" / "mokztk__pubmed-parser__pubmed_result.xml"
SPLIT = dict(block=4, min_part_bytes=32 * 1024)
SAMPLES = [
    MULTI_XML,
    FORMATS / "pubmed_xml" / "titipata__pubmed_parser__data__test_current_medline.xml.gz",
    FORMATS / "medline_nbib" / "biopython__biopython__Tests__Medline__pubmed_result2.txt",
    FORMATS / "pubmed_abstract_text" / "ag-sc__CT-Corpus__Corpus.zip__gl_10080213_gl.txt",
    *sorted((ROOT / "corpus" / "seeds").glob("*.txt")),
    *sorted((ROOT / "corpus" / "evidence_inference").glob("*.txt"))[:3],
]


@pytest.fixture(scope="module")
def scheduler():
    from distributed import LocalCluster

    from distributed import Client

    from extractor.engine.dask import _warm

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        # The workers and this process import the pipeline at the same moment, so both engines run the same code
        # even while other modules of the tree are being edited.
        workers = threading.Thread(target=client.run, args=(_warm,))
        workers.start()
        _warm()
        workers.join()
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dask") / "in"
    folder.mkdir()
    for f in SAMPLES:
        shutil.copy(f, folder / f.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "truncated.xml.gz").write_bytes(gzip.compress(MULTI_XML.read_bytes())[:8000])
    return folder


@pytest.fixture(scope="module")
def local(folder, scheduler) -> tuple[list[dict], list[str]]:
    out = folder.parent / "local.jsonl"
    run_local([folder], out, workers=1, progress=False)
    return records(out), sorted(errors_path(out).read_text(encoding="utf-8").splitlines())


def records(*paths: Path) -> list[dict]:
    return [json.loads(line) for p in paths for line in p.read_text(encoding="utf-8").splitlines()]


def parts(out: Path) -> list[Path]:
    return sorted(out.glob("part-*.jsonl"))


def by_source(recs: list[dict]) -> list[dict]:
    return sorted(recs, key=lambda r: r["source"])


def test_dask_writes_the_local_engines_records_and_errors_with_a_split_file(folder, local, scheduler, tmp_path):
    out = tmp_path / "out"
    summary = run_dask([folder], out, scheduler=scheduler, progress=False, min_partitions=16, **SPLIT)
    local_records, local_errors = local
    assert len(local_records) > 25
    got = records(*parts(out))
    assert by_source(got) == by_source(local_records)
    assert summary.documents == len(local_records)
    assert sorted((out / ERRORS_FILE).read_text(encoding="utf-8").splitlines()) == local_errors
    assert any(line.startswith(str(folder / "empty.txt") + ": empty file") for line in local_errors)
    # the 15-record XML was dealt to several parts, each holding some of its records
    plan = json.loads((out / PLAN_FILE).read_text(encoding="utf-8"))["partitions"]
    split = [p for p in plan if p["shown"].endswith(MULTI_XML.name)]
    assert len(split) > 1 and len(plan) == len(parts(out))
    xml_sources = [{r["source"] for r in records(out / f"part-{p['index']:05d}.jsonl")} for p in split]
    assert all(xml_sources) and sum(map(len, xml_sources)) == len(set().union(*xml_sources)) == 15


def test_resume_reruns_only_the_missing_parts(folder, local, scheduler, tmp_path):
    out = tmp_path / "out"
    run_dask([folder], out, scheduler=scheduler, progress=False, min_partitions=6, **SPLIT)
    with pytest.raises(ValueError, match="--resume"):
        run_dask([folder], out, scheduler=scheduler, progress=False)
    kept = {p.name: p.stat().st_mtime_ns for p in parts(out)}
    lost = parts(out)[0]
    lost.unlink()
    (out / (lost.name + ".tmp")).write_text('{"half a record', encoding="utf-8")  # a killed attempt
    summary = run_dask([folder], out, scheduler=scheduler, progress=False, resume=True)
    assert summary.skipped > 0 and summary.documents > 0
    assert summary.skipped + summary.documents == len(local[0])
    assert {p.name: p.stat().st_mtime_ns for p in parts(out) if p != lost} == \
        {name: t for name, t in kept.items() if name != lost.name}
    assert by_source(records(*parts(out))) == by_source(local[0])
    assert not list(out.glob("*.tmp")) or not (out / (lost.name + ".tmp")).exists()


def test_parquet_parts_hold_the_same_tables_as_the_local_engine(folder, scheduler, tmp_path):
    out = tmp_path / "out"
    run_dask([folder], out, fmt="parquet", scheduler=scheduler, progress=False, min_partitions=4, **SPLIT)
    local_out = tmp_path / "local.parquet"
    run_local([folder], local_out, fmt="parquet", workers=1, progress=False)
    for table in ("documents", "doses", "counts", "rates"):
        ours = pd.concat([pd.read_parquet(p) for p in sorted(out.glob(f"part-*.{table}.parquet"))], ignore_index=True)
        theirs = pd.read_parquet(tmp_path / f"local.{table}.parquet")
        key = ["doc_id", "start"] if "start" in theirs else ["doc_id", "source"]
        pd.testing.assert_frame_equal(ours.sort_values(key).reset_index(drop=True),
                                      theirs.sort_values(key).reset_index(drop=True))
    assert len(parts(out)) == len(json.loads((out / PLAN_FILE).read_text(encoding="utf-8"))["partitions"])


def test_a_failed_partition_is_named_in_the_errors_file_and_the_others_are_written(folder, local, scheduler,
                                                                                  tmp_path):
    out = tmp_path / "out"
    (out / "part-00000.jsonl.tmp").mkdir(parents=True)  # the first part cannot be written
    summary = run_dask([folder], out, scheduler=scheduler, progress=False, min_partitions=4, **SPLIT)
    errors = (out / ERRORS_FILE).read_text(encoding="utf-8").splitlines()
    assert [e for e in errors if "partition part-00000 failed: IsADirectoryError" in e]
    assert summary.failed == len(errors) and not (out / "part-00000.jsonl").exists()
    written = records(*parts(out))
    assert 0 < len(written) < len(local[0])
    # once the cause is gone, --resume writes just the missing part
    (out / "part-00000.jsonl.tmp").rmdir()
    again = run_dask([folder], out, scheduler=scheduler, progress=False, resume=True)
    assert again.skipped == len(written) and again.documents == len(local[0]) - len(written)
    assert by_source(records(*parts(out))) == by_source(local[0])
    assert sorted((out / ERRORS_FILE).read_text(encoding="utf-8").splitlines()) == local[1]
