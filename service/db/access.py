"""Who may do what, and the record of what they did: users, roles, API tokens, the audit log and
the history of data loads."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.db.base import JSON_DOCUMENT, Base
from service.db.records import SURROGATE_KEY

USER_ROLES = (
    "class_teacher",
    "subject_teacher",
    "mentor",
    "principal",
    "psychologist",
    "data_scientist",
    "auditor",
    "admin",
)


class User(Base):
    """A person who signs in; staff members link to their staff record, which scopes what they see."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.staff_id"))
    school_id: Mapped[str | None] = mapped_column(ForeignKey("schools.school_id"))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class UserRole(Base):
    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    __table_args__ = (CheckConstraint(f"role IN ({', '.join(repr(r) for r in USER_ROLES)})", name="role"),)


class ApiToken(Base):
    """A long-lived token for an integration (e-diary, LMS); only its hash is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """One link of the append-only, hash-chained audit log; `entry_hash` covers the previous hash."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(SURROGATE_KEY, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(64))
    resource: Mapped[str] = mapped_column(String(200))
    pupil_pseudonym: Mapped[str | None] = mapped_column(String(64), index=True)
    purpose: Mapped[str | None] = mapped_column(String(200))
    result: Mapped[str] = mapped_column(String(32))
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditAnchor(Base):
    """A head of the audit chain written down as it stood, so that a later truncation cannot hide."""

    __tablename__ = "audit_anchors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    entry_seq: Mapped[int] = mapped_column(SURROGATE_KEY)
    entry_hash: Mapped[str] = mapped_column(String(64))


class IngestRun(Base):
    """One `erta ingest`: when, what was loaded and how much was rejected, per file."""

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    source_format: Mapped[str] = mapped_column(String(16), default="bundle")
    counts: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT, default=dict)
    rejected_rows: Mapped[int] = mapped_column(Integer, default=0)


class IngestReceipt(Base):
    """A pushed record's idempotency key, kept once the record loaded: a resend is answered, not reloaded."""

    __tablename__ = "ingest_receipts"

    sender: Mapped[str] = mapped_column(String(80), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
