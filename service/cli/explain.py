"""`erta explain PUPIL_ID`: why the champion model rates a pupil as it does, and what support it proposes.

A teacher reads the risk, the tier, the drivers in their own language with the facts behind them, what
would bring the pupil under the flag, and the proposals a person still has to accept. Each request, also
a refused one, is in the audit log under the pupil's pseudonym with the reader's role and purpose.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated, Any

import typer
from rich.markup import escape

from service.cli.audit import trail_of
from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console
from service.cli.privileged import ActorOption, actor_name, pseudonymizer_or_exit
from service.settings import get_settings

LANGUAGES = ("uz", "ru", "en")
TIER_STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}


def explain_command(
    pupil_id: Annotated[str, typer.Argument(help="The pupil's id in the school's records.")],
    language: Annotated[str, typer.Option("--lang", help="Language of the sentences: uz, ru or en.")] = "uz",
    as_json: Annotated[bool, typer.Option("--json", help="Print the explanation as JSON on stdout.")] = False,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            help="Explain as of this morning (default: today, or the day after the latest record).",
        ),
    ] = None,
    purpose: Annotated[
        str, typer.Option("--purpose", help="Why you look; kept in the audit log, so write no names.")
    ] = "review flagged pupil",
    role: Annotated[
        str, typer.Option("--role", help="Your role, for the audit log: class_teacher, mentor, …")
    ] = "class_teacher",
    actor: ActorOption = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Show a pupil's risk, tier, drivers, the change that would lower it, and the proposed support."""
    # imported when the command runs: MLflow, XGBoost and polars cost seconds at start-up
    from service.explain import Access, ExplainError, explain_one
    from service.jobs import RegistryError, load_champion

    if language not in LANGUAGES:
        console.print(f"[red]error:[/] --lang must be uz, ru or en, not {escape(repr(language))}")
        raise typer.Exit(2)
    who = actor_name(actor)
    engine = open_database(database_url)
    access = Access(trail_of(engine), pseudonymizer_or_exit(), who, role=role, purpose=purpose)
    try:
        model, version = load_champion(get_settings().home)
    except RegistryError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
    day = as_of.date() if as_of else None
    try:
        result = explain_one(engine, model, version, pupil_id, day, language, access=access)
    except ExplainError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
    if day is None and result["as_of"] != date.today().isoformat():
        console.print(f"The records end before today: explained as of {result['as_of']}, the next day.")
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print_explanation(result, language)


def print_explanation(result: dict[str, Any], language: str) -> None:
    """The explanation as a teacher reads it, on stderr: risk and tier first, then why, then what to do."""
    from service.explain import insufficient_note

    tier = result["tier"]
    pupil, version = escape(result["pupil_id"]), result["model_version"]
    console.print(f"Pupil {pupil}, as of {result['as_of']} (model version {version})")
    console.print(
        f"Risk [bold]{result['probability']:.0%}[/], tier [{TIER_STYLE.get(tier, 'bold')}]{tier}[/]"
    )
    if result["insufficient_data"]:
        console.print(f"[bold reverse] INSUFFICIENT DATA [/] {escape(insufficient_note(language))}")
    if result["drivers"]:
        console.print("Why:")
    for driver in result["drivers"]:
        arrow = "[red]↑[/]" if driver["contribution"] > 0 else "[green]↓[/]"
        console.print(f"  {arrow} {escape(driver['text'])}")
    if result["hint"] is not None:
        console.print(f"What would change it: {escape(result['hint']['text'])}")
    print_recommendations(result["recommendations"], language)


def print_recommendations(recommendations: list[dict[str, Any]], language: str) -> None:
    """One proposal a line, titled as the catalog words it, with its owner and follow-up date, and its reason
    below it (reasons run long, so this is no table)."""
    from model.intervention_catalog import load_catalog

    catalog = load_catalog()
    if not recommendations:
        console.print("No support proposed.")
        return
    console.print("Proposed support (a person reviews each before anything starts):")
    for item in recommendations:
        kind = catalog.get(item["kind"])
        title = kind.title.in_language(language) if kind else item["kind"].replace("_", " ")
        what = escape(title) + (f", {escape(item['subject'])}" if item["subject"] else "")
        owner = item["owner_role"].replace("_", " ")
        console.print(f"  • [bold]{what}[/] ({owner}), follow up on {item['follow_up_on']}")
        console.print(f"    {escape(item['rationale'])}")
