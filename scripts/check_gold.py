"""Check gold records against the contract (RECORDS.md §2): `python scripts/check_gold.py gold/ [gold/second/]`.

Each file must parse as a GoldRecord, be named after its doc_id, carry no spans, and keep value/amount/base_unit
consistent enough to be scored. Prints one line per problem; exits 1 if any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from extractor.models import FACT_LISTS, GoldRecord  # noqa: E402


def problems(path: Path) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        record = GoldRecord.model_validate(data)
    except (json.JSONDecodeError, ValidationError) as exc:
        return [f"{path}: {exc}"]
    out = []
    if path.stem != record.doc_id.replace("/", "_"):
        out.append(f"{path}: file name should be {record.doc_id.replace('/', '_')}.json")
    for name in FACT_LISTS:
        for i, fact in enumerate(getattr(record, name)):
            if fact.text is not None or fact.start is not None:
                out.append(f"{path}: {name}[{i}] has text/start/end; gold facts have none")
    for i, dose in enumerate(record.doses):
        if not dose.base_unit or dose.amount is None:
            out.append(f"{path}: doses[{i}] needs amount and base_unit")
    for i, p in enumerate(record.phases):
        if p not in {"0", "1", "2", "3", "4"}:
            out.append(f"{path}: phases[{i}] = {p!r}; phases are '0'..'4'")
    return out


def main(dirs: list[str]) -> int:
    found = []
    n = 0
    for d in dirs:
        for path in sorted(Path(d).glob("*.json")):
            n += 1
            found += problems(path)
    print("\n".join(found) if found else f"{n} gold records OK")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:] or ["gold"]))
