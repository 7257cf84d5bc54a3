"""`erta consent revoke|grant PUPIL_ID --reason TEXT`: change a pupil's consent, audited by pseudonym."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from service.cli.audit import trail_of
from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console
from service.cli.privileged import ActorOption, actor_name, pseudonymizer_or_exit
from service.consent import Consent, ConsentError, change_consent

app = typer.Typer(help="Pupils' consent to the use of their data: revoke or grant it, each change audited.")

PupilId = Annotated[str, typer.Argument(help="The pupil's id in the school's records.")]
Reason = Annotated[
    str, typer.Option("--reason", help="Why; kept in the audit log as the purpose, so write no names.")
]


@app.command("revoke")
def revoke_command(
    pupil_id: PupilId, reason: Reason, actor: ActorOption = None, database_url: DatabaseUrl = None
) -> None:
    """Revoke consent: the pupil is left out of training, scoring and exports from their next run on."""
    change(pupil_id, "revoked", reason, actor, database_url)


@app.command("grant")
def grant_command(
    pupil_id: PupilId, reason: Reason, actor: ActorOption = None, database_url: DatabaseUrl = None
) -> None:
    """Grant consent (again): the pupil is included from the next run on."""
    change(pupil_id, "granted", reason, actor, database_url)


def change(pupil_id: str, consent: Consent, reason: str, actor: str | None, database_url: str | None) -> None:
    who = actor_name(actor)
    engine = open_database(database_url)
    trail = trail_of(engine)
    try:
        outcome = change_consent(
            engine,
            trail,
            pseudonymizer_or_exit(),
            pupil_id=pupil_id,
            consent=consent,
            reason=reason,
            actor=who,
        )
    except ConsentError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
    pupil = f"pupil {escape(pupil_id)} ({outcome.pupil_pseudonym})"
    if outcome.changed:
        console.print(f"Consent {consent} for {pupil}; the change is in the audit log.")
    else:
        console.print(f"Consent of {pupil} was already {consent}; the request is in the audit log.")
