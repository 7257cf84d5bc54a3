"""`erta notes check`: what the guardrail tells a teacher about a note before it is saved."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from privacy.note_guardrail import load_lexicon
from privacy.wording_lexicon import Language
from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console

app = typer.Typer(help="Teachers' notes: check a note against the digital-culture guardrail.")


@app.command("check")
def check_command(
    pupil_id: Annotated[str, typer.Argument(help="The pupil the note is about.")],
    author: Annotated[str, typer.Option("--author", help="Staff id of the note's author.")],
    text: Annotated[str | None, typer.Option("--text", help="The note's text.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the note's text from a file.")] = None,
    language: Annotated[str, typer.Option("--lang", help="Language of the messages: uz, ru or en.")] = "uz",
    lexicon_path: Annotated[Path | None, typer.Option("--lexicon", help="A wording lexicon (TOML).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """List what the author should reconsider; exits 1 when there is anything, 0 when the note is fine."""
    # imported when the command runs: Presidio and spaCy cost seconds at start-up
    from service.note_check import UnknownPersonError, check_new_note
    from service.privacy_engine import note_analyzer

    if (text is None) == (file is None):
        console.print("[red]error:[/] give the note as --text or as --file, not both")
        raise typer.Exit(2)
    if language not in ("uz", "ru", "en"):
        console.print(f"[red]error:[/] --lang must be uz, ru or en, not {language!r}")
        raise typer.Exit(2)
    note = text if text is not None else _read(file)
    try:
        lexicon = load_lexicon(lexicon_path)
    except (OSError, ValueError) as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    engine = open_database(database_url)
    lang: Language = language  # type: ignore[assignment]
    try:
        result = check_new_note(
            engine,
            note_analyzer(engine),
            lexicon,
            pupil_id=pupil_id,
            author_id=author,
            text=note,
            language=lang,
        )
    except UnknownPersonError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps([asdict(f) for f in result.findings], ensure_ascii=False, indent=2))
    else:
        for finding in result.findings:
            shown = f" «{finding.text}»" if finding.text else ""
            console.print(f"{finding.start}-{finding.end}{shown}: {finding.message} → {finding.suggestion}")
        console.print(
            "The note reads well." if result.ok else f"{len(result.findings)} thing(s) to reconsider."
        )
    if not result.ok:
        raise typer.Exit(1)


def _read(file: Path | None) -> str:
    assert file is not None
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        console.print(f"[red]error:[/] cannot read {file}: {error}")
        raise typer.Exit(2) from None
