import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_extract_writes_one_record_per_seed(tmp_path):
    out = tmp_path / "seeds.jsonl"
    proc = subprocess.run(
        [sys.executable, "-m", "extractor.cli", "extract", str(ROOT / "corpus" / "seeds" / "000_60d1e9a7e958879b.txt"),
         str(ROOT / "corpus" / "seeds" / "001_c4ef20f2e1a93c35.txt"), "--out", str(out), "--no-progress"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["source"].rsplit("/", 1)[-1] for r in records] == ["000_60d1e9a7e958879b.txt", "001_c4ef20f2e1a93c35.txt"]
    assert all(r["text"] for r in records)
