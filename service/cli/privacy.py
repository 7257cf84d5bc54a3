"""`erta privacy anonymize` and `erta privacy eval`: mask notes, and measure how well masking works.

Both read JSON Lines. A line that is not valid is reported as `file:line: reason` and skipped; every valid
line is still processed, and the command exits 1 at the end so a script notices.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from privacy.anonymizer import anonymize
from privacy.evaluation import ScoredNote, Span, score_corpus
from service.cli.output import console, progress_bar, write_json_report

if TYPE_CHECKING:
    from privacy.analyzer import NoteAnalyzer

app = typer.Typer(help="Find and mask personal data in free text (teachers' notes).")
RosterOption = Annotated[
    Path | None,
    typer.Option("--roster", help="Bundle folder whose pupils.csv and/or staff.csv name the people to find."),
]


@dataclass(frozen=True)
class Line:
    number: int
    value: dict[str, Any]


def read_jsonl(path: Path, problems: list[str]) -> Iterator[Line]:
    """Each line's JSON object; malformed lines go to `problems` as `file:line: reason`."""
    try:
        handle = path.open(encoding="utf-8", errors="strict")
    except OSError as error:
        console.print(f"[red]error:[/] cannot read {path}: {error.strerror or error}")
        raise typer.Exit(2) from None
    with handle:
        number = 0
        while True:
            number += 1
            try:
                raw = handle.readline()
            except UnicodeDecodeError:
                problems.append(f"{path}:{number}: not UTF-8")
                break
            if not raw:
                return
            if not raw.strip():
                continue
            try:
                value = json.loads(raw)
            except json.JSONDecodeError as error:
                problems.append(f"{path}:{number}: not JSON ({error.msg} at column {error.colno})")
                continue
            if not isinstance(value, dict) or not isinstance(value.get("text"), str):
                problems.append(f'{path}:{number}: expected an object with a string "text"')
                continue
            yield Line(number, value)


def _analyzer(roster: Path | None) -> NoteAnalyzer:
    # imported when the command runs: Presidio and spaCy cost seconds at start-up
    from privacy.analyzer import NoteAnalyzer
    from service.privacy_engine import RosterError, roster_from_bundle

    try:
        people = roster_from_bundle(roster) if roster is not None else []
    except RosterError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    with console.status(f"Compiling {len(people):,} roster names"):
        return NoteAnalyzer(people)


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def _report_problems(problems: list[str]) -> None:
    for problem in problems:
        console.print(problem, markup=False)
    if problems:
        console.print(f"[red]{len(problems)} line(s) skipped[/]; every valid line was processed.")
        raise typer.Exit(1)


@app.command("anonymize")
def anonymize_command(
    source: Annotated[Path, typer.Option("--in", help='JSON Lines, each {"id": …, "text": …}.')],
    target: Annotated[Path, typer.Option("--out", help="Where to write the anonymised JSON Lines.")],
    roster: RosterOption = None,
) -> None:
    """Mask personal data in notes; each output line keeps the id and lists what was found and where."""
    analyzer = _analyzer(roster)
    problems: list[str] = []
    total = _count_lines(source) if source.exists() else 0
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    with target.open("w", encoding="utf-8") as out, progress_bar() as progress:
        task = progress.add_task("anonymise", total=total)
        for line in read_jsonl(source, problems):
            findings = analyzer.analyze(line.value["text"])
            record = {
                "id": line.value.get("id"),
                "text": anonymize(line.value["text"], findings),
                "entities": [
                    {"start": f.start, "end": f.end, "entity_type": f.entity_type, "score": round(f.score, 3)}
                    for f in findings
                ],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
            progress.update(task, completed=line.number)
    console.print(f"{written:,} note(s) anonymised into {target}.")
    _report_problems(problems)


def _gold_spans(line: Line, source: Path, problems: list[str]) -> list[Span] | None:
    spans = line.value.get("spans", [])
    text_length = len(line.value["text"])
    try:
        gold = [Span(int(s["start"]), int(s["end"]), str(s["entity_type"])) for s in spans]
    except (KeyError, TypeError, ValueError):
        problems.append(f'{source}:{line.number}: each span needs "start", "end" and "entity_type"')
        return None
    if any(not 0 <= s.start < s.end <= text_length for s in gold):
        problems.append(f"{source}:{line.number}: a span lies outside the text")
        return None
    return gold


@app.command("eval")
def eval_command(
    corpus: Annotated[Path, typer.Option("--corpus", help='JSON Lines, each {"text": …, "spans": […]}.')],
    json_path: Annotated[Path, typer.Option("--json", help="Where to write the figures as JSON.")],
    roster: RosterOption = None,
) -> None:
    """Precision, recall and F2 per entity type on a labelled corpus, and the leak rate after masking."""
    analyzer = _analyzer(roster)
    problems: list[str] = []
    scored = []
    for line in read_jsonl(corpus, problems):
        gold = _gold_spans(line, corpus, problems)
        if gold is None:
            continue
        text = line.value["text"]
        findings = analyzer.analyze(text)
        predicted = [Span(f.start, f.end, f.entity_type) for f in findings]
        scored.append(ScoredNote(text, gold, predicted, anonymize(text, findings)))
    result = score_corpus(scored)
    _print_scores(result.as_dict())
    write_json_report(json_path, result.as_dict(), "Figures")
    _report_problems(problems)


def _print_scores(report: dict[str, Any]) -> None:
    table = Table(title=f"Personal data found in {report['notes']:,} notes")
    for column in ("entity", "gold", "predicted", "precision", "recall", "F2", "leak rate"):
        table.add_column(column, justify="left" if column == "entity" else "right")
    rows = [*report["per_entity"].items(), ("overall", report["overall"])]
    for name, s in rows:
        table.add_row(
            name, f"{s['gold']:,}", f"{s['predicted']:,}", f"{s['precision']:.3f}", f"{s['recall']:.3f}",
            f"{s['f2']:.3f}", f"{s['leak_rate']:.2%}",
        )  # fmt: skip
    console.print(table)
