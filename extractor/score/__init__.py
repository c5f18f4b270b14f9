"""Scoring against gold records (RECORDS.md §3): `trialfacts validate`."""

from .scorer import Scores, read_gold_dir, read_predictions, score

__all__ = ["Scores", "read_gold_dir", "read_predictions", "score"]
