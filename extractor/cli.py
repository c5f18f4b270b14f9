"""Command line: `trialfacts extract PATH... --out FILE` and `trialfacts validate --gold DIR --pred FILE`."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Files, folders or archives of abstracts."),
    out: Path = typer.Option(..., "--out", "-o", help="Output file (JSON Lines unless --format says otherwise)."),
    format: str = typer.Option("jsonl", "--format", help="jsonl, csv or parquet (tables per fact type)."),
    workers: int = typer.Option(0, "--workers", "-w", help="Worker processes; 0 means all cores."),
    resume: bool = typer.Option(False, "--resume", help="Skip documents already in --out (after an interrupted run)."),
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress",
                                            help="Progress bar on stderr (default: when stderr is a terminal)."),
    engine: str = typer.Option("local", "--engine", help="local (worker processes) or dask (a folder of parts under --out)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Dask scheduler address (tcp://host:8786); default: a local cluster."),
) -> None:
    """Extract trial facts from every document under PATHS into one record per document.

    Exit status: 0 when every input was read, 1 when some inputs failed (each named, with the reason, in
    OUT's errors file and on stderr; every other document is still written), 2 for a usage error.
    """
    import sys

    from .engine.local import run_local

    if progress is None:
        progress = sys.stderr.isatty()
    if engine not in ("local", "dask"):
        typer.echo(f"extract: --engine {engine!r}: expected local or dask", err=True)
        raise typer.Exit(code=2)
    if scheduler and engine != "dask":
        typer.echo("extract: --scheduler needs --engine dask", err=True)
        raise typer.Exit(code=2)
    try:
        if engine == "dask":
            from .engine.dask import run_dask

            summary = run_dask(paths, out, fmt=format, scheduler=scheduler, workers=workers, resume=resume,
                               progress=progress)
        else:
            summary = run_local(paths, out, fmt=format, workers=workers, resume=resume, progress=progress)
    except ValueError as exc:
        typer.echo(f"extract: {exc}", err=True)
        raise typer.Exit(code=2)
    raise typer.Exit(code=1 if summary.failed else 0)


@app.command()
def validate(
    gold: Path = typer.Option(..., "--gold", help="Folder of gold records (RECORDS.md §2)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Predicted records: JSON Lines, or a folder of gold-format records."),
    corpus: Optional[Path] = typer.Option(None, "--corpus", help="Extract from this folder and score in one go (instead of --pred)."),
    report: Optional[Path] = typer.Option(None, "--report", help="Write the figures and per-document misses to this JSON file."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Exit 1 when any metric falls below this baseline."),
    update_baseline: bool = typer.Option(False, "--update-baseline", help="Rewrite --baseline with the current figures."),
    paired_only: bool = typer.Option(False, "--paired-only",
                                     help="Score only gold records that have a predicted record (comparing two readings of a subset)."),
) -> None:
    """Score predicted records against gold records per RECORDS.md §3 and print the table."""
    import json

    from rich.console import Console

    from .score import read_gold_dir, read_predictions, score
    from .score.report import baseline_of, print_table, regressions, write_json

    err = Console(stderr=True)
    if (pred is None) == (corpus is None):
        err.print("validate: give exactly one of --pred FILE.jsonl or --corpus DIR")
        raise typer.Exit(code=2)
    if not gold.is_dir():
        err.print(f"validate: {gold}: not a folder of gold records")
        raise typer.Exit(code=2)
    if corpus is not None:
        from . import extract_paths

        preds = [r.model_dump(mode="json") for r in extract_paths([corpus])]
    else:
        preds = read_predictions(pred)
    golds = read_gold_dir(gold)
    if paired_only:
        from .score.scorer import pair_records

        golds = [g for g in golds if g["doc_id"] not in set(pair_records(preds, golds)[1])]
    scores = score(preds, golds)
    print_table(scores, Console())
    if report:
        write_json(scores.report(), report)
    if baseline and update_baseline:
        write_json(baseline_of(scores), baseline)
        err.print(f"baseline written: {baseline}")
    elif baseline:
        lines = regressions(scores, json.loads(baseline.read_text(encoding="utf-8")))
        if lines:
            err.print("[red]below the baseline:[/]\n" + "\n".join(lines), highlight=False)
            raise typer.Exit(code=1)


if __name__ == "__main__":
    app()
