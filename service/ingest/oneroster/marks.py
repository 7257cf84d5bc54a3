"""lineItems.csv and results.csv: each result becomes a mark in the subject of its line item's class, of the
kind its category names, dated by scoreDate, given by the class's primary teacher.

Erta's marks are on the 5-point scale: a line item declaring another scale (resultValueMin/Max) is refused
with all its results, and a score that is not a whole 1-5 is refused on its own line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from service.ingest.fields import FieldError, normalise_apostrophes
from service.ingest.oneroster.classes import ClassIndex
from service.ingest.oneroster.enrolments import Enrolments
from service.ingest.oneroster.export import BundleRow, Export, SourceRow

# Category titles (case and apostrophes aside) naming each kind of mark, in English, Uzbek and Russian.
KIND_WORDS = {
    "daily": "daily",
    "kundalik": "daily",
    "joriy": "daily",
    "текущая": "daily",
    "test": "test",
    "nazorat ishi": "test",
    "контрольная работа": "test",
    "quarter": "quarter",
    "chorak": "quarter",
    "четвертная": "quarter",
    "annual": "annual",
    "yillik": "annual",
    "годовая": "annual",
}
SCALE = {"resultValueMin": 1, "resultValueMax": 5}


@dataclass(frozen=True)
class LineItem:
    subject: str
    kind: str
    teacher: str
    date: str  # dueDate, else its grading period's endDate: for a result without a scoreDate


def map_marks(export: Export, classes: ClassIndex, enrolments: Enrolments) -> Iterator[BundleRow]:
    items, refused = _line_items(export, classes, enrolments)
    for result in export.streamed.get("results.csv", iter(())):
        try:
            yield result.line, _mark(export, result, items, refused)
        except FieldError as error:
            export.reject_row(result, str(error))


def _line_items(
    export: Export, classes: ClassIndex, enrolments: Enrolments
) -> tuple[dict[str, LineItem], dict[str, int]]:
    """Line items by sourcedId, and the line of each one refused."""
    items: dict[str, LineItem] = {}
    refused: dict[str, int] = {}
    for row in export.rows_of("lineItems.csv"):
        try:
            class_id = export.find("classes.csv", row.get("classSourcedId"), "classSourcedId", "class").id
            if class_id not in classes.subject_of:
                raise FieldError(f"classSourcedId {class_id!r}: the class has no subject for its marks")
            _check_scale(row)
            teachers = enrolments.teachers_of.get(class_id, [])
            teacher = teachers[0] if teachers else ""
            items[row.id] = LineItem(
                classes.subject_of[class_id], _kind(export, row), teacher, _due(export, row)
            )
        except FieldError as error:
            export.reject_row(row, str(error))
            refused[row.id] = row.line
    return items, refused


def _kind(export: Export, row: SourceRow) -> str:
    """From the category's title; without categories.csv the categorySourcedId itself is read as one."""
    title = row.get("categorySourcedId")
    if export.has("categories.csv"):
        title = export.find("categories.csv", title, "categorySourcedId", "category").get("title")
    kind = KIND_WORDS.get(normalise_apostrophes(title).casefold())
    if kind is None:
        raise FieldError(f"category {title!r} is not daily, test, quarter or annual (see docs/ONEROSTER.md)")
    return kind


def _check_scale(row: SourceRow) -> None:
    for column, bound in SCALE.items():
        value = row.get(column)
        if not value:
            continue
        try:
            number = float(value)
        except ValueError:
            raise FieldError(f"{column} {value!r} is not a number") from None
        if number != bound:
            raise FieldError(f"{column} {value!r}: Erta loads marks on the 1-5 scale only")


def _due(export: Export, row: SourceRow) -> str:
    period = export.ids.get("academicSessions.csv", {}).get(row.get("gradingPeriodSourcedId"))
    return _date_part(row.get("dueDate")) or (_date_part(period.get("endDate")) if period else "")


def _mark(
    export: Export, result: SourceRow, items: dict[str, LineItem], refused: dict[str, int]
) -> dict[str, str]:
    item = _line_item(export, result.get("lineItemSourcedId"), items, refused)
    date = _date_part(result.get("scoreDate")) or item.date
    if not date:
        raise FieldError("scoreDate is empty and the line item has no dueDate or grading period end")
    return {
        "pupil_id": result.get("studentSourcedId"),
        "subject": item.subject,
        "date": date,
        "kind": item.kind,
        "mark": str(_score(result.get("score"))),
        "teacher_id": item.teacher,
    }


def _line_item(export: Export, item_id: str, items: dict[str, LineItem], refused: dict[str, int]) -> LineItem:
    if item_id in items:
        return items[item_id]
    if item_id in refused:
        raise FieldError(
            f"lineItemSourcedId {item_id!r}: that line item was refused (lineItems.csv:{refused[item_id]})"
        )
    export.find("lineItems.csv", item_id, "lineItemSourcedId", "line item")  # raises: empty, unknown, deleted
    raise FieldError(f"lineItemSourcedId {item_id!r}: unknown line item")


def _score(value: str) -> int:
    if not value:
        raise FieldError("score is empty")
    try:
        number = float(value)
    except ValueError:
        raise FieldError(f"score {value!r} is not a number") from None
    if not number.is_integer() or not 1 <= number <= 5:
        raise FieldError(f"score {value!r} is not a mark on the 1-5 scale")
    return int(number)


def _date_part(value: str) -> str:
    """A date, or the date of an ISO timestamp (2025-09-02T10:00:00Z)."""
    return value[:10] if len(value) > 10 and value[10] == "T" else value
