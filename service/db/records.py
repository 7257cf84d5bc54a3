"""What happens to a pupil over the year: marks, attendance, LMS activity and teachers' notes.

Each table carries a natural key as a unique constraint; ingestion upserts on it, which is what makes
loading the same bundle twice change nothing.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.db.base import Base
from service.db.school import ID

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit key.
SURROGATE_KEY = BigInteger().with_variant(Integer(), "sqlite")

SUBJECT = String(64)


class Mark(Base):
    """A mark on the 5-point scale: daily, test (nazorat ishi), quarter or annual."""

    __tablename__ = "marks"

    id: Mapped[int] = mapped_column(SURROGATE_KEY, primary_key=True, autoincrement=True)
    pupil_id: Mapped[str] = mapped_column(ForeignKey("pupils.pupil_id"))
    subject: Mapped[str] = mapped_column(SUBJECT)
    date: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(8))
    mark: Mapped[int] = mapped_column(SmallInteger)
    # Who gave the mark is history: it must outlive the teacher's staff record, so it is no foreign key.
    # Ingestion still refuses a teacher it does not know. The unique key leads with pupil_id, which serves
    # every per-pupil query; a further index would only slow bulk loads.
    teacher_id: Mapped[str | None] = mapped_column(ID)

    __table_args__ = (
        UniqueConstraint("pupil_id", "subject", "date", "kind"),
        CheckConstraint("mark BETWEEN 1 AND 5", name="mark"),
        CheckConstraint("kind IN ('daily', 'test', 'quarter', 'annual')", name="kind"),
    )


class Attendance(Base):
    """An absence or lateness; a school day without a row is a day present. Empty subject = whole day."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(SURROGATE_KEY, primary_key=True, autoincrement=True)
    pupil_id: Mapped[str] = mapped_column(ForeignKey("pupils.pupil_id"))
    date: Mapped[date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(SUBJECT, default="")
    status: Mapped[str] = mapped_column(String(20))

    __table_args__ = (
        UniqueConstraint("pupil_id", "date", "subject"),
        CheckConstraint("status IN ('present', 'absent_excused', 'absent_unexcused', 'late')", name="status"),
    )


class LmsEvent(Base):
    """One LMS event; timestamps are the school's local time."""

    __tablename__ = "lms_events"

    id: Mapped[int] = mapped_column(SURROGATE_KEY, primary_key=True, autoincrement=True)
    pupil_id: Mapped[str] = mapped_column(ForeignKey("pupils.pupil_id"))
    timestamp: Mapped[datetime] = mapped_column(DateTime)
    subject: Mapped[str] = mapped_column(SUBJECT, default="")
    event: Mapped[str] = mapped_column(String(12))
    score: Mapped[int | None] = mapped_column(SmallInteger)

    __table_args__ = (
        UniqueConstraint("pupil_id", "timestamp", "subject", "event"),
        CheckConstraint("score IS NULL OR score BETWEEN 0 AND 100", name="score"),
        CheckConstraint(
            "event IN ('login', 'view', 'submit', 'submit_late', 'missed', 'test')", name="event"
        ),
    )


class Note(Base):
    """A teacher's free-text note; it may hold personal data, which the privacy layer masks on the way out."""

    __tablename__ = "notes"

    note_id: Mapped[str] = mapped_column(ID, primary_key=True)
    pupil_id: Mapped[str] = mapped_column(ForeignKey("pupils.pupil_id"), index=True)
    author_id: Mapped[str] = mapped_column(ForeignKey("staff.staff_id"))
    date: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)


class NoteAnonymisation(Base):
    """Retention's record of a note whose text it anonymised: when, and a digest of the text it left.

    It sits beside `notes` rather than in it, so reloading a bundle (which rewrites every column of a note)
    cannot leave a restored original marked as done: the digest no longer matches and the next run
    anonymises the note again.
    """

    __tablename__ = "note_anonymisations"

    note_id: Mapped[str] = mapped_column(ForeignKey("notes.note_id", ondelete="CASCADE"), primary_key=True)
    anonymised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    text_sha256: Mapped[str] = mapped_column(String(64))
