"""Who is asking: the signed-in user or integration token behind a request, with what scopes their data."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    """A user as the API sees them once signed in: their roles decide the endpoints, their staff record and
    school decide the rows (a class teacher's classes, a principal's school)."""

    user_id: int
    username: str
    roles: frozenset[str]
    staff_id: str | None = None
    school_id: str | None = None
    # Set when the request came with a long-lived integration token rather than a signed-in session.
    token_name: str | None = None

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))
