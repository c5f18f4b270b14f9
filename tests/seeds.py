"""The two seed documents as the product reads them — their pasted pages in corpus/seeds through the real loader
and pipeline — and their gold records (../shared/spec/gold-seeds/). Every extractor's seed test uses these."""

import json
from functools import lru_cache
from pathlib import Path

from extractor import Record, extract_paths

ROOT = Path(__file__).resolve().parents[1]
GOLD_SEEDS = ROOT.parent / "shared" / "spec" / "gold-seeds"
STEMS = ("000_60d1e9a7e958879b", "001_c4ef20f2e1a93c35")


@lru_cache(maxsize=None)
def seed_record(stem: str) -> Record:
    (record,) = extract_paths([ROOT / "corpus" / "seeds" / f"{stem}.txt"])
    return record


def seed_gold(stem: str) -> dict:
    return json.loads((GOLD_SEEDS / f"{stem}.json").read_text(encoding="utf-8"))
