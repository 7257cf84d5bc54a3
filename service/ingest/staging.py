"""Bulk loading through a temporary staging table, then one idempotent upsert into the real table.

Rows are copied into the stage in batches (COPY on PostgreSQL, executemany on SQLite). The merge keeps
the first row of each natural key, inserts what is new, updates what changed and leaves identical rows
untouched, so loading the same bundle twice writes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, Integer, MetaData, Table, exists, func, insert, or_, select
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
        self._use_copy = connection.dialect.name == "postgresql" and not any(
            isinstance(target.c[name].type, JSON) for name in self.columns
        )

    def add(self, batch: list[tuple[int, dict[str, Any]]]) -> None:
        """Append (line, row) pairs to the stage."""
        if not batch:
            return
        if self._use_copy:
            self._copy(batch)
        else:
            rows = [{"line": line, **row} for line, row in batch]
            self.connection.execute(insert(self.table), rows)

    def _copy(self, batch: list[tuple[int, dict[str, Any]]]) -> None:
        cursor = self.connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        names = ", ".join(("line", *self.columns))
        with cursor.copy(f"COPY {self.table.name} ({names}) FROM STDIN") as copy:
            for line, row in batch:
                copy.write_row((line, *(row[name] for name in self.columns)))

    def duplicates(self) -> list[tuple[int, int]]:
        """(line, first line) for every staged row whose natural key an earlier line already used."""
        stage = self.table
        first = func.min(stage.c.line).over(partition_by=[stage.c[k] for k in self.key]).label("first")
        ranked = select(stage.c.line, first).subquery()
        query = select(ranked.c.line, ranked.c.first).where(ranked.c.line != ranked.c.first)
        return [
            (line, first_line) for line, first_line in self.connection.execute(query.order_by(ranked.c.line))
        ]

    def merge(self) -> MergeCounts:
        """Upsert the first row of each key into the target; returns what changed."""
        stage, target = self.table, self.target
        rank = func.row_number().over(partition_by=[stage.c[k] for k in self.key], order_by=stage.c.line)
        ranked = select(*(stage.c[name] for name in self.columns), rank.label("rank")).subquery()
        source = select(*(ranked.c[name] for name in self.columns)).where(ranked.c.rank == 1)

        same_key = [target.c[k] == ranked.c[k] for k in self.key]
        new_rows = self.connection.scalar(
            select(func.count()).select_from(ranked).where(ranked.c.rank == 1, ~exists().where(*same_key))
        )
        staged = self.connection.scalar(select(func.count()).select_from(ranked).where(ranked.c.rank == 1))

        dialect_insert = postgresql.insert if self.connection.dialect.name == "postgresql" else sqlite.insert
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
        # SQLAlchemy only keeps an INSERT's rowcount when asked to.
        written = self.connection.execute(statement, execution_options={"preserve_rowcount": True}).rowcount
        inserted = int(new_rows or 0)
        updated = max(written - inserted, 0)
        return MergeCounts(inserted, updated, int(staged or 0) - inserted - updated)

    def drop(self) -> None:
        self.table.drop(self.connection)


def _is_surrogate(column: Column[Any]) -> bool:
    return bool(column.primary_key and column.autoincrement is True)
