"""`erta score --all [--school ID] [--as-of DATE]`: score and explain every consenting pupil with the
champion model, school by school, into `risk_scores` (what the teacher's list and the reports read)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape

from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console, progress_bar
from service.settings import get_settings


def score_command(
    everyone: Annotated[
        bool, typer.Option("--all", help="Score every consenting pupil (of --school, or of every school).")
    ] = False,
    school: Annotated[str | None, typer.Option("--school", help="Only this school.")] = None,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            help="Score as on the morning of this day (default: today, or the day after the latest mark).",
        ),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Score and explain pupils in bulk; a rerun for the same day and model replaces its rows."""
    from service.jobs import RegistryError, load_champion
    from service.scoring_job import SchoolScored, ScoringError, school_count, score_all

    if not everyone:
        console.print("[red]error:[/] say --all to score every consenting pupil (--school for one school)")
        raise typer.Exit(2)
    engine = open_database(database_url)
    try:
        model, version = load_champion(get_settings().home)
        total = school_count(engine, school)
    except (RegistryError, ScoringError) as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
    with progress_bar() as progress:
        task = progress.add_task("Scoring schools", total=total)

        def advanced(_: SchoolScored) -> None:
            progress.advance(task)

        run = score_all(
            engine,
            model,
            version,
            as_of=as_of.date() if as_of else None,
            school_id=school,
            on_school=advanced,
        )
    tiers = ", ".join(f"{count:,} {tier}" for tier, count in run.tiers().items()) or "nobody"
    console.print(
        f"Scored {run.pupils:,} pupils in {len(run.schools):,} school(s) as of {run.as_of} "
        f"with model version {version}: {tiers}."
    )
