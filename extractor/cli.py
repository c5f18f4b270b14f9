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
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr."),
) -> None:
    """Extract trial facts from every document under PATHS into one record per document."""
    from .engine.local import run_local

    summary = run_local(paths, out, fmt=format, workers=workers, resume=resume, progress=progress)
    raise typer.Exit(code=1 if summary.failed else 0)


@app.command()
def validate(
    gold: Path = typer.Option(..., "--gold", help="Folder of gold records (RECORDS.md §2)."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Predicted records (JSON Lines)."),
) -> None:
    """Score predicted records against gold records per RECORDS.md §3."""
    typer.echo("validate: not implemented yet", err=True)
    raise typer.Exit(code=2)


if __name__ == "__main__":
    app()
