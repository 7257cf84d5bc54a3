"""Connections that read identified pupils as one reader: PostgreSQL's row-level security as a second wall.

`scoped_engine(engine, scope)` gives an engine sharing `engine`'s pool whose every transaction first becomes
the `erta_scoped` role and states the reader (migration 0007). PostgreSQL then answers only the pupils that
reader may see, whatever the query says, and refuses any write. On SQLite it is `engine` itself: the scope
clauses of `service/api/scope.py` are the wall there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sqlalchemy import Connection, Engine, event

from service.db.engine import is_postgresql

SCOPED_ROLE: Final = "erta_scoped"
_OPTION: Final = "erta_reader_scope"


@dataclass(frozen=True)
class ReaderScope:
    """Who reads, as the policies see them: roles, staff record, school, and whether a purpose was stated."""

    roles: tuple[str, ...]
    staff_id: str | None = None
    school_id: str | None = None
    purpose_stated: bool = False


def scoped_engine(engine: Engine, scope: ReaderScope) -> Engine:
    """`engine` as seen by this reader: on PostgreSQL each transaction runs as `erta_scoped` for them."""
    if not is_postgresql(engine):
        return engine
    if not event.contains(engine, "begin", _enter_scope):
        event.listen(engine, "begin", _enter_scope)
    return engine.execution_options(**{_OPTION: scope})


def _enter_scope(connection: Connection) -> None:
    scope = connection.get_execution_options().get(_OPTION)
    if not isinstance(scope, ReaderScope):
        return
    # SET LOCAL and set_config(..., true) end with the transaction, so a pooled connection goes back clean.
    connection.exec_driver_sql(f"SET LOCAL ROLE {SCOPED_ROLE}")
    connection.exec_driver_sql(
        "SELECT set_config('erta.roles', %(roles)s, true), set_config('erta.staff_id', %(staff)s, true), "
        "set_config('erta.school_id', %(school)s, true), set_config('erta.purpose', %(purpose)s, true)",
        {
            "roles": ",".join(scope.roles),
            "staff": scope.staff_id or "",
            "school": scope.school_id or "",
            "purpose": "stated" if scope.purpose_stated else "",
        },
    )
