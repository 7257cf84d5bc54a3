"""What makes a user acceptable: a well-formed name, roles Erta knows, a staff record and school on file.

Kept apart from `users` so the rules read in one place and the API can check a form before it writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, select

from service.db.access import USER_ROLES
from service.db.models import School, Staff

USERNAME = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")


class UserError(ValueError):
    """A request about a user refused, with the reason; never holds a password."""


def checked_username(username: str) -> str:
    """The name folded to lower case, or UserError saying what a name may hold."""
    name = username.strip().casefold()
    if not USERNAME.fullmatch(name):
        raise UserError(
            "a username is 1 to 64 characters: Latin letters, digits and . _ @ -, "
            "starting with a letter or digit"
        )
    return name


def checked_roles(roles: Iterable[str]) -> list[str]:
    """The roles in Erta's order, or UserError naming the allowed ones."""
    wanted = {role.strip() for role in roles}
    if not wanted:
        raise UserError(f"give the user at least one role: {', '.join(USER_ROLES)}")
    unknown = sorted(wanted.difference(USER_ROLES))
    if unknown:
        raise UserError(
            f"unknown role {', '.join(map(repr, unknown))}; the roles are {', '.join(USER_ROLES)}"
        )
    return [role for role in USER_ROLES if role in wanted]


def check_scope(connection: Connection, staff_id: str | None, school_id: str | None) -> None:
    """Refuse a staff or school id not on file, or a staff member paired with another school."""
    staff_school = None
    if staff_id is not None:
        staff_school = connection.scalar(select(Staff.school_id).where(Staff.staff_id == staff_id))
        if staff_school is None:
            raise UserError(f"no staff member has the id {staff_id!r}")
    if school_id is not None:
        if connection.scalar(select(School.school_id).where(School.school_id == school_id)) is None:
            raise UserError(f"no school has the id {school_id!r}")
        if staff_school is not None and staff_school != school_id:
            raise UserError(f"staff member {staff_id!r} works at school {staff_school!r}, not {school_id!r}")
