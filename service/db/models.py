"""Every table of Erta's store, importable from one place (Alembic reads `Base.metadata` from here)."""

from service.db.access import ApiToken, AuditAnchor, AuditEntry, IngestReceipt, IngestRun, User, UserRole
from service.db.base import Base
from service.db.intervention_history import InterventionHistory
from service.db.notifications import OutboxMessage
from service.db.records import Attendance, LmsEvent, Mark, Note, NoteAnonymisation
from service.db.school import Pupil, School, SchoolClass, Staff
from service.db.support import Alert, Intervention, RiskScore

__all__ = [
    "Alert",
    "ApiToken",
    "Attendance",
    "AuditAnchor",
    "AuditEntry",
    "Base",
    "IngestReceipt",
    "IngestRun",
    "Intervention",
    "InterventionHistory",
    "LmsEvent",
    "Mark",
    "Note",
    "NoteAnonymisation",
    "OutboxMessage",
    "Pupil",
    "RiskScore",
    "School",
    "SchoolClass",
    "Staff",
    "User",
    "UserRole",
]
