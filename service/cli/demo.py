"""`erta demo`: the one command that shows Erta working on a laptop, from an empty machine.

It runs a list of steps; each part of the product adds its step here, so the demo stays the single
entry point as Erta grows.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from sqlalchemy import Engine, select

from privacy.anonymizer import anonymize
from service.bundle import BUNDLE_FILES
from service.cli.database import describe, open_database
from service.cli.generate import LATEST_FULL_YEAR, print_summary, write_district
from service.cli.ingest import load_with_progress, print_report
from service.cli.output import console
from service.cli.train import print_outcome, record_gate_decision, train_with_progress
from service.db.models import Note
from service.district_summary import summarise_district
from service.settings import get_settings

if TYPE_CHECKING:
    from service.jobs import VersionRow

DEMO_SEED = 7


@dataclass
class DemoContext:
    home: Path
    pupils: int
    engine: Engine | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def bundle(self) -> Path:
        return self.home / f"demo-bundle-{self.pupils}"


def prepare_bundle(context: DemoContext) -> None:
    """Generate the demo district once; later runs reuse it."""
    if all((context.bundle / name).exists() for name in BUNDLE_FILES):
        console.print(f"Using the demo district already in {context.bundle}.")
        return
    summary = write_district(
        context.bundle,
        seed=DEMO_SEED,
        pupils=context.pupils,
        schools=None,
        year=LATEST_FULL_YEAR,
        years=1,
        overwrite=True,
    )
    print_summary(summary)


def load_bundle(context: DemoContext) -> None:
    """Migrate the database and ingest the district (idempotent: a second run changes nothing)."""
    context.engine = open_database()
    report = load_with_progress(context.bundle, context.engine)
    print_report(report)
    if not report.ok:
        raise typer.Exit(1)
    context.lines.append(f"Database: {describe(context.engine)}")


def describe_district(context: DemoContext) -> None:
    """What is now in the database, in numbers a school would recognise."""
    assert context.engine is not None
    with context.engine.connect() as connection:
        summary = summarise_district(connection, LATEST_FULL_YEAR)
    counts = summary.counts
    context.lines.append("District: " + ", ".join(f"{count:,} {label}" for label, count in counts.items()))
    pupils = max(counts["pupils"], 1)
    failing, absent = summary.pupils_failing_a_quarter, summary.pupils_chronically_absent
    year = f"{summary.academic_year}-{summary.academic_year + 1}"
    context.lines.append(
        f"In {year}: {failing:,} pupils ({failing / pupils:.0%}) got a failing quarter mark; "
        f"{absent:,} ({absent / pupils:.0%}) missed at least 10% of school days."
    )


def train_model(context: DemoContext) -> None:
    """Train the risk model once; later runs reuse the registered versions."""
    # imported when the step runs: MLflow and the training stack cost seconds at start-up
    from mlflow import MlflowClient

    from service.jobs import TrainingConfig, configure_tracking, list_versions

    assert context.engine is not None
    settings = get_settings()
    configure_tracking(settings.home)
    versions = list_versions(MlflowClient())
    if not versions:
        try:
            outcome = train_with_progress(context.engine, settings, TrainingConfig())
        except typer.Exit:
            context.lines.append(
                "Risk model: not trained (see the error above); run `erta train` after fixing it."
            )
            return
        record_gate_decision(context.engine, outcome)
        print_outcome(outcome)
        versions = list_versions(MlflowClient())
    context.lines.append(describe_models(versions))


def describe_models(versions: list[VersionRow]) -> str:
    champion = next((v for v in versions if "champion" in v.aliases), None)
    if champion is None:
        return (
            f"Risk model: {len(versions)} version(s), none passed the gates yet "
            "(`erta models list` shows why; `erta models promote N --reason …` overrides, recorded)."
        )
    auc = champion.metrics.get("roc_auc")
    quality = f", ROC-AUC {auc:.2f} on a later quarter" if auc is not None else ""
    return f"Risk model: version {champion.version} is @champion{quality} (`erta models list`)."


def mask_notes(context: DemoContext) -> None:
    """Scan every teacher's note with the privacy layer, as a data scientist's export would."""
    from service.privacy_engine import note_analyzer

    assert context.engine is not None
    with context.engine.connect() as connection:
        texts = list(connection.execute(select(Note.text).order_by(Note.note_id)).scalars())
    with console.status(f"Masking personal data in {len(texts):,} notes"):
        analyzer = note_analyzer(context.engine)
        found: Counter[str] = Counter()
        example = ""
        for text in texts:
            findings = analyzer.analyze(text)
            found.update(finding.entity_type for finding in findings)
            if not example and len({f.entity_type for f in findings}) >= 3:
                example = anonymize(text, findings)
    kinds = ", ".join(f"{count:,} {kind}" for kind, count in found.most_common())
    context.lines.append(
        f"Privacy: {len(texts):,} notes scanned, {sum(found.values()):,} items masked ({kinds})."
    )
    if example:
        context.lines.append(f"  e.g. {example}")


def score_district(context: DemoContext) -> None:
    """Score and explain every consenting pupil with the champion, so the lists have flagged pupils."""
    from service.jobs import RegistryError, load_champion
    from service.scoring_job import score_all

    assert context.engine is not None
    try:
        model, version = load_champion(get_settings().home)
    except RegistryError:
        context.lines.append("Scores: none yet (no champion); run `erta score --all` after `erta train`.")
        return
    with console.status("Scoring and explaining every pupil"):
        run = score_all(context.engine, model, version)
    tiers = ", ".join(f"{count:,} {tier}" for tier, count in run.tiers().items())
    context.lines.append(f"Scores as of {run.as_of}: {run.pupils:,} pupils ({tiers}).")


def nightly_alerts(context: DemoContext) -> None:
    """Run the nightly alerts job on the scored day, so the staff's inboxes have what a morning brings."""
    from service.alerts_job import run_alerts
    from service.scoring_job import plan_run

    assert context.engine is not None
    _, day = plan_run(context.engine, as_of=None, school_id=None, today=None)
    with console.status("Deciding tonight's alerts"):
        run = run_alerts(context.engine, as_of=day)
    context.lines.append(
        f"Alerts as of {day}: {run.total('opened'):,} opened, {run.total('updated'):,} updated, "
        f"for {len(run.digests):,} staff."
    )


def demo_users(context: DemoContext) -> None:
    """One user per role, password `demo`: made by the demo only, as anyone can guess it."""
    from service.auth.demo_users import DemoUsersError, create_demo_users

    assert context.engine is not None
    settings = get_settings().model_copy(update={"demo_mode": True})
    try:
        users = create_demo_users(context.engine, settings=settings)
    except DemoUsersError as error:
        context.lines.append(f"Users: none made ({error}).")
        return
    context.lines.append("Users of `erta serve` (password `demo`):")
    context.lines.extend(f"  {user.username:<16} {user.role:<16} {user.sees}" for user in users)


DemoStep = Callable[[DemoContext], None]
STEPS: tuple[DemoStep, ...] = (
    prepare_bundle,
    load_bundle,
    describe_district,
    train_model,
    score_district,
    nightly_alerts,
    mask_notes,
    demo_users,
)


def demo_command(
    pupils: Annotated[int, typer.Option(min=100, help="Size of the demo district.")] = 2000,
    serve: Annotated[
        bool, typer.Option(help="Start the API and the console afterwards, until Ctrl-C.")
    ] = True,
    host: Annotated[str, typer.Option(help="Address both servers listen on.")] = "127.0.0.1",
    api_port: Annotated[int, typer.Option(min=1, max=65535, help="Port of the API.")] = 8000,
    console_port: Annotated[int, typer.Option(min=1, max=65535, help="Port of the console.")] = 8501,
) -> None:
    """Generate a small district, load it, run every part of Erta on it, then serve the API and console."""
    context = DemoContext(home=get_settings().home, pupils=pupils)
    for step in STEPS:
        step(context)
    console.rule("Erta demo ready")
    for line in context.lines:
        console.print(line)
    if serve:
        serve_demo(context, host, api_port, console_port)


def serve_demo(context: DemoContext, host: str, api_port: int, console_port: int) -> None:
    """Run `erta serve` and the console on the demo's database until interrupted."""
    from service.cli.console_servers import (
        browsable,
        child_environment,
        serve_until_interrupted,
        start,
        streamlit_command,
    )

    shown = browsable(host)
    api_url, console_url = f"http://{shown}:{api_port}", f"http://{shown}:{console_port}"
    env = child_environment(ERTA_DEMO_MODE="true", ERTA_CONSOLE_API_URL=api_url)
    erta = str(Path(sys.executable).with_name("erta"))
    logs = context.home / "logs"
    servers = [
        start("API", [erta, "serve", "--host", host, "--port", str(api_port)], api_url,
              f"{api_url}/health", logs / "api.log", env),
        start("console", streamlit_command(console_port, host), console_url,
              f"{console_url}/_stcore/health", logs / "console.log", env),
    ]  # fmt: skip
    ready = [
        f"Console: {console_url}  (sign in as teacher, password demo)",
        f"API:     {api_url}/docs",
        f"Logs in {logs}. Press Ctrl-C to stop.",
    ]
    serve_until_interrupted(servers, "Starting the API and the console", ready, heading="Erta is running")
