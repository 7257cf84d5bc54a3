"""The OneRoster 1.2 CSV files Erta reads, the columns it needs from each, and its `metadata.erta.*` columns.

Only the columns Erta uses are required in a header: an export that leaves out a column Erta never reads
(`dateLastModified`, `username`, …) still loads. Optional columns are read when the header has them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Columns:
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


# OneRoster's extension columns (`metadata.*`) carrying what the standard has no field for.
LOCALITY: Final = "metadata.erta.locality"  # orgs.csv, school rows: urban | rural
LANGUAGE: Final = "metadata.erta.language"  # orgs.csv (school) and users.csv (pupil): uz, ru, kaa, …
CONSENT: Final = "metadata.erta.consent"  # users.csv, pupils: granted | revoked
MENTOR_CAPACITY: Final = "metadata.erta.mentorCapacity"  # users.csv, staff: pupils a mentor can take

DEFAULT_LOCALITY: Final = "urban"
DEFAULT_LANGUAGE: Final = "uz"
DEFAULT_CONSENT: Final = "granted"  # as for a bundle row: consent is on record until revoked

STATUS: Final = "status"
TO_BE_DELETED: Final = "tobedeleted"
MANIFEST: Final = "manifest.csv"

# In the order they are read and reported; all are read before any is mapped.
FILES: Final[dict[str, Columns]] = {
    "orgs.csv": Columns(("sourcedId", "name", "type"), ("parentSourcedId", LOCALITY, LANGUAGE)),
    "academicSessions.csv": Columns(("sourcedId",), ("type", "endDate")),
    "courses.csv": Columns(("sourcedId", "title"), ("subjects",)),
    "classes.csv": Columns(
        ("sourcedId", "title", "classType", "schoolSourcedId"),
        ("classCode", "grades", "courseSourcedId", "subjects"),
    ),
    "users.csv": Columns(
        ("sourcedId", "givenName", "familyName"),
        (
            "middleName",
            "userIds",
            "agentSourcedIds",
            "primaryOrgSourcedId",
            "phone",
            "sms",
            LANGUAGE,
            CONSENT,
            MENTOR_CAPACITY,
        ),
    ),
    "roles.csv": Columns(("userSourcedId", "role", "orgSourcedId"), ("roleType",)),
    "demographics.csv": Columns(("sourcedId", "birthDate", "sex")),
    "enrollments.csv": Columns(
        ("sourcedId", "classSourcedId", "userSourcedId", "role"), ("primary", "beginDate")
    ),
    "categories.csv": Columns(("sourcedId", "title")),
    "lineItems.csv": Columns(
        ("sourcedId", "classSourcedId", "categorySourcedId"),
        ("dueDate", "gradingPeriodSourcedId", "resultValueMin", "resultValueMax"),
    ),
    "results.csv": Columns(("lineItemSourcedId", "studentSourcedId", "score"), ("sourcedId", "scoreDate")),
}
# Files whose rows are looked up by sourcedId (roles and results are only ever iterated).
INDEXED: Final = frozenset(name for name, c in FILES.items() if c.required[0] == "sourcedId")


def split_list(value: str) -> list[str]:
    """A OneRoster list field (`grades`, `subjects`, `agentSourcedIds`): comma-separated, blanks dropped."""
    return [item.strip() for item in value.split(",") if item.strip()]
