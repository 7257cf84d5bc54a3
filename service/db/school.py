"""The school as the e-diary knows it: schools, staff, classes and pupils."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from service.db.base import JSON_DOCUMENT, Base

ID = String(32)


class School(Base):
    __tablename__ = "schools"

    school_id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(64), index=True)
    district: Mapped[str] = mapped_column(String(120))
    locality: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(8))

    __table_args__ = (CheckConstraint("locality IN ('urban', 'rural')", name="locality"),)


class Staff(Base):
    """A school employee; `roles` and `subjects` are lists (class_teacher, mentor, …; Matematika, …)."""

    __tablename__ = "staff"

    staff_id: Mapped[str] = mapped_column(ID, primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200))
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.school_id"), index=True)
    roles: Mapped[list[str]] = mapped_column(JSON_DOCUMENT)
    subjects: Mapped[list[str]] = mapped_column(JSON_DOCUMENT)
    mentor_capacity: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (CheckConstraint("mentor_capacity >= 0", name="mentor_capacity"),)


class SchoolClass(Base):
    """A class such as 7-B; its pupils share a class teacher (sinf rahbari)."""

    __tablename__ = "classes"

    class_id: Mapped[str] = mapped_column(ID, primary_key=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.school_id"), index=True)
    grade_level: Mapped[int] = mapped_column(SmallInteger)
    label: Mapped[str] = mapped_column(String(16))
    class_teacher_id: Mapped[str | None] = mapped_column(ForeignKey("staff.staff_id"), index=True)

    __table_args__ = (CheckConstraint("grade_level BETWEEN 1 AND 11", name="grade_level"),)


class Pupil(Base):
    """Identified pupil data: only the service's own database ever holds it in this form."""

    __tablename__ = "pupils"

    pupil_id: Mapped[str] = mapped_column(ID, primary_key=True)
    pinfl: Mapped[str | None] = mapped_column(String(14), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(1))
    class_id: Mapped[str] = mapped_column(ForeignKey("classes.class_id"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    guardian_name: Mapped[str | None] = mapped_column(String(200))
    guardian_phone: Mapped[str | None] = mapped_column(String(16))
    address: Mapped[str | None] = mapped_column(String(300))
    consent: Mapped[str] = mapped_column(String(8), default="granted")

    __table_args__ = (
        CheckConstraint("sex IN ('M', 'F')", name="sex"),
        CheckConstraint("consent IN ('granted', 'revoked')", name="consent"),
    )
