"""Reading the pupil records for training from Erta's database, pseudonymised on the way in.

Training sees no names, PINFL, contacts or note text: only the columns features need, with pupil and
class ids replaced by keyed pseudonyms before anything else touches them. Pupils whose consent is
revoked are left out. Sensitive attributes come back separately, for the fairness audit only.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl
from sqlalchemy import Connection, text

from model.features.names import SENSITIVE_ATTRIBUTES
from model.records import PupilRecords
from privacy.pseudonyms import Pseudonymizer

QUERIES = {
    "pupils": (
        "select p.pupil_id, p.class_id, c.grade_level, c.school_id, p.sex, p.language, s.region, s.locality "
        "from pupils p join classes c on c.class_id = p.class_id "
        "join schools s on s.school_id = c.school_id where p.consent <> 'revoked'"
    ),
    "marks": "select pupil_id, subject, date, kind, mark from marks",
    "attendance": "select pupil_id, date, subject, status from attendance",
    "lms": "select pupil_id, timestamp, subject, event, score from lms_events",
    "notes": "select pupil_id, date from notes",
}
BATCH_ROWS = 500_000


@dataclass(frozen=True)
class TrainingRecords:
    records: PupilRecords
    attributes: pl.DataFrame  # pupil and school pseudonyms + sex, language, region, locality

    @property
    def pupils(self) -> int:
        return self.records.pupils.height


def load_training_records(connection: Connection, pseudonymizer: Pseudonymizer) -> TrainingRecords:
    """Everything features and labels need, for pupils with consent, ids pseudonymised."""
    pupils = _read(connection, "pupils")
    if pupils.is_empty():
        raise ValueError("the database holds no pupils with consent; load a bundle with `erta ingest` first")
    pupil_map = _pseudonym_map(pupils["pupil_id"], pseudonymizer, "p")
    class_map = _pseudonym_map(pupils["class_id"], pseudonymizer, "c")
    school_map = _pseudonym_map(pupils["school_id"], pseudonymizer, "s")
    pupils = pupils.with_columns(
        pl.col("pupil_id").replace_strict(pupil_map),
        pl.col("class_id").replace_strict(class_map),
        pl.col("school_id").replace_strict(school_map).alias("school"),
    )
    frames = {"pupils": pupils}
    for name in ("marks", "attendance", "lms", "notes"):
        frame = _read(connection, name)
        frames[name] = frame.filter(pl.col("pupil_id").is_in(list(pupil_map))).with_columns(
            pl.col("pupil_id").replace_strict(pupil_map)
        )
    attributes = pupils.select("pupil_id", "school", *SENSITIVE_ATTRIBUTES)
    return TrainingRecords(PupilRecords.from_frames(**frames), attributes)


def _read(connection: Connection, name: str) -> pl.DataFrame:
    batches = list(
        pl.read_database(text(QUERIES[name]), connection, iter_batches=True, batch_size=BATCH_ROWS)
    )
    frame = pl.concat(batches, how="vertical_relaxed") if batches else _empty(connection, name)
    return _with_temporal_types(frame)


def _empty(connection: Connection, name: str) -> pl.DataFrame:
    columns = list(connection.execute(text(QUERIES[name] + " limit 0")).keys())
    return pl.DataFrame({column: [] for column in columns}, schema=dict.fromkeys(columns, pl.String))


def _with_temporal_types(frame: pl.DataFrame) -> pl.DataFrame:
    """SQLite hands dates back as text; PostgreSQL as dates. Either way, dates leave as dates."""
    casts = []
    if "date" in frame.columns and frame.schema["date"] == pl.String:
        casts.append(pl.col("date").str.to_date("%Y-%m-%d"))
    if "timestamp" in frame.columns and frame.schema["timestamp"] == pl.String:
        casts.append(pl.col("timestamp").str.to_datetime(time_unit="us"))
    return frame.with_columns(casts) if casts else frame


def _pseudonym_map(ids: pl.Series, pseudonymizer: Pseudonymizer, prefix: str) -> dict[str, str]:
    return {value: pseudonymizer.pseudonym(value, prefix) for value in ids.unique().to_list()}
