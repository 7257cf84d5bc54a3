"""Bulk loading through a temporary staging table, then one idempotent upsert into the real table.

Rows are copied into the stage in batches (COPY on PostgreSQL, the driver's executemany on SQLite). Later
rows repeating a natural key are reported and removed from the stage, then one upsert inserts what is new,
updates what changed and leaves identical rows untouched: loading the same bundle twice writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from psycopg.types.json import Jsonb
from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    Table,
    and_,
    delete,
    func,
    literal_column,
    or_,
    select,
    true,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import JSON


@dataclass(frozen=True)
class MergeCounts:
    inserted: int
    updated: int
    unchanged: int


class Stage:
    """A temporary copy of `target`'s loadable columns plus the source line of each row."""

    def __init__(self, connection: Connection, target: Table, key: Sequence[str]) -> None:
        self.connection = connection
        self.target = target
        self.key = tuple(key)
        self.columns = tuple(c.name for c in target.columns if not _is_surrogate(c))
        self.table = Table(
            f"stage_{target.name}",
            MetaData(),
            Column("line", Integer, nullable=False),
            *(Column(name, target.c[name].type) for name in self.columns),
            prefixes=["TEMPORARY"],
        )
        self.table.create(connection)
        self.rows = 0
        self._postgresql = connection.dialect.name == "postgresql"
        self._processors = [None, *(self._processor(target.c[name].type) for name in self.columns)]

    def _processor(self, column_type: Any) -> Callable[[Any], Any] | None:
        """How a value reaches the driver: as SQLAlchemy itself would send it, without its per-row cost."""
        if self._postgresql:
            return Jsonb if isinstance(column_type, JSON) else None  # COPY adapts everything else itself
        return column_type.bind_processor(self.connection.dialect)  # type: ignore[no-any-return]

    def add(self, batch: list[tuple[int, dict[str, Any]]]) -> None:
        """Append (line, row) pairs to the stage."""
        if not batch:
            return
        self.rows += len(batch)
        processors = self._processors
        rows = [(line, *(row[name] for name in self.columns)) for line, row in batch]
        if any(processors):
            rows = [
                tuple(v if f is None else f(v) for f, v in zip(processors, row, strict=True)) for row in rows
            ]
        if self._postgresql:
            self._copy(rows)
            return
        placeholders = ", ".join(["?"] * (len(self.columns) + 1))
        cursor = self._driver_cursor()
        cursor.executemany(f"INSERT INTO {self.table.name} VALUES ({placeholders})", rows)
        cursor.close()

    def _driver_cursor(self) -> Any:
        """A cursor of the driver itself, inside the connection's current transaction."""
        return self.connection.connection.driver_connection.cursor()  # type: ignore[union-attr]

    def _copy(self, rows: list[tuple[Any, ...]]) -> None:
        cursor = self._driver_cursor()
        names = ", ".join(("line", *self.columns))
        with cursor.copy(f"COPY {self.table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.close()

    def remove_duplicates(self) -> list[tuple[int, int]]:
        """Drop every row whose natural key an earlier line already used; returns (line, first line)."""
        stage = self.table
        keys = [stage.c[k] for k in self.key]
        repeated = (
            select(*keys, func.min(stage.c.line).label("first"))
            .group_by(*keys)
            .having(func.count() > 1)
            .subquery()
        )
        query = (
            select(stage.c.line, repeated.c.first)
            .join(repeated, and_(*(stage.c[k] == repeated.c[k] for k in self.key)))
            .where(stage.c.line != repeated.c.first)
            .order_by(stage.c.line)
        )
        duplicates = [(line, first) for line, first in self.connection.execute(query)]
        if duplicates:
            lines = [line for line, _ in duplicates]
            for start in range(0, len(lines), 10_000):
                self.connection.execute(delete(stage).where(stage.c.line.in_(lines[start : start + 10_000])))
        self.rows -= len(duplicates)
        return duplicates

    def merge(self) -> MergeCounts:
        """Upsert the staged rows into the target (call `remove_duplicates` first); returns what changed."""
        target, stage = self.target, self.table
        source = select(*(stage.c[name] for name in self.columns)).where(true())  # SQLite needs the WHERE
        dialect_insert = postgresql.insert if self._postgresql else sqlite.insert
        statement = dialect_insert(target).from_select(list(self.columns), source)
        changing = [name for name in self.columns if name not in self.key]
        if changing:
            statement = statement.on_conflict_do_update(
                index_elements=list(self.key),
                set_={name: statement.excluded[name] for name in changing},
                where=or_(*(target.c[name].is_distinct_from(statement.excluded[name]) for name in changing)),
            )
        else:
            statement = statement.on_conflict_do_nothing(index_elements=list(self.key))
        if self._postgresql:
            # xmax is 0 for a freshly inserted row version and non-zero for one the upsert updated.
            written = statement.returning(literal_column("xmax = 0").label("inserted")).cte("written")
            inserted, changed = self.connection.execute(
                select(func.count().filter(written.c.inserted), func.count()).select_from(written)
            ).one()
        else:
            before = self._count_target()
            changed = self.connection.execute(
                statement, execution_options={"preserve_rowcount": True}
            ).rowcount
            inserted = self._count_target() - before
        return MergeCounts(inserted, changed - inserted, self.rows - changed)

    def _count_target(self) -> int:
        return int(self.connection.scalar(select(func.count()).select_from(self.target)) or 0)

    def drop(self) -> None:
        self.table.drop(self.connection)


def _is_surrogate(column: Column[Any]) -> bool:
    return bool(column.primary_key and column.autoincrement is True)
