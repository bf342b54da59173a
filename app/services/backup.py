"""Backup and restore of the whole database, on SQLite and PostgreSQL alike.

A backup is a gzip-compressed file of JSON lines: a header naming the format, the
Alembic revision of the schema and each table with its row count, then one line
per row, ``{"t": table, "r": {column: value}}``. Rows are streamed both ways, so
no table has to fit in memory.

A restore runs in one transaction and writes through Core statements on the
table objects: the ORM's audit listeners and the audit log's append-only guard
stay out of it, which is right for putting back rows that already happened.
"""

import gzip
import logging
import os
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask_appbuilder import Model

import app.models  # noqa: F401  (registers every table on Model.metadata)
from app.services.backup_file import (
    BackupError,
    decoder,
    encode_row,
    new_header,
    read_header,
    read_lines,
    write_line,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 1000

# Alembic's own table: backed up for completeness but never written by a
# restore, since the database must already stand at the backup's revision.
ALEMBIC_VERSION = sa.Table(
    "alembic_version",
    sa.MetaData(),
    sa.Column("version_num", sa.String(32), primary_key=True),
)

# Tables that `flask db upgrade` fills with defaults (the feedback survey's
# default question set): a freshly migrated database counts as empty with
# these rows, which a restore replaces with those of the backup.
SEEDED_BY_MIGRATIONS = {"question_set", "survey_question"}


@dataclass(frozen=True)
class BackupSummary:
    """What a backup or restore covered, for the operator's summary line."""

    tables: int
    rows: int
    revision: str


def backed_up_tables() -> list[sa.Table]:
    """Every table of the app, parents before children, then Alembic's."""
    return [*Model.metadata.sorted_tables, ALEMBIC_VERSION]


def create_backup(engine: sa.Engine, path: Path) -> BackupSummary:
    """Write every row of the database to ``path``, as read in one snapshot.

    The file appears only when complete; a failure leaves no partial backup.
    """
    tables = backed_up_tables()
    partial = path.with_name(path.name + ".partial")
    try:
        with _database_errors(), _snapshot(engine) as connection:
            revision = _current_revision(connection)
            counts = {table.name: _count(connection, table) for table in tables}
            with gzip.open(partial, "wt", encoding="utf-8", compresslevel=6) as out:
                write_line(out, new_header(revision, counts))
                for table in tables:
                    for row in _stream_rows(connection, table):
                        write_line(out, {"t": table.name, "r": encode_row(row)})
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, path)

    rows = sum(counts.values())
    logger.info("Backup written to %s: %s rows of %s tables", path, rows, len(tables))
    return BackupSummary(len(tables), rows, revision)


def restore_backup(
    engine: sa.Engine, path: Path, replace: bool = False
) -> BackupSummary:
    """Put the rows of a backup into the database, in one transaction.

    Refuses a file that is not a complete backup taken at the database's
    Alembic revision, and a database that holds rows unless ``replace`` is
    given, which deletes them first. A refusal or failure changes nothing.
    """
    tables = backed_up_tables()
    plans = _restore_plans(tables)
    with gzip.open(path, "rt", encoding="utf-8") as source:
        lines = read_lines(source)
        header = read_header(lines)
        with _database_errors(), engine.begin() as connection:
            revision = _check_revision(connection, header.get("alembic_revision"))
            _clear_or_refuse(connection, plans, replace)
            counts = _insert_rows(connection, plans, lines)
            _check_counts(header, counts)
            _apply_deferred_keys(connection, plans)
            _reset_sequences(connection, tables)

    rows = sum(counts.values())
    logger.info("Backup %s restored: %s rows of %s tables", path, rows, len(tables))
    return BackupSummary(len(tables), rows, revision)


@contextmanager
def _database_errors() -> Iterator[None]:
    """Database failures as BackupErrors carrying the driver's message."""
    try:
        yield
    except sa.exc.DBAPIError as error:
        raise BackupError(f"The database reported an error: {error.orig}") from error


@contextmanager
def _snapshot(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection that sees one state of the whole database, so that the
    tables agree with each other even while the app keeps writing."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN")
        else:
            connection.execution_options(isolation_level="REPEATABLE READ")
        yield connection
        connection.rollback()


def _count(connection: sa.Connection, table: sa.Table) -> int:
    return connection.scalar(sa.select(sa.func.count()).select_from(table))


def _current_revision(connection: sa.Connection) -> str:
    """The database's Alembic revision (heads joined by commas, if several)."""
    revisions = []
    if sa.inspect(connection).has_table(ALEMBIC_VERSION.name):
        revisions = connection.scalars(sa.select(ALEMBIC_VERSION.c.version_num)).all()
    if not revisions:
        raise BackupError("The database has no schema yet: run `flask db upgrade`.")
    return ",".join(sorted(revisions))


def _stream_rows(connection: sa.Connection, table: sa.Table) -> Iterator:
    query = sa.select(table).order_by(*table.primary_key)
    yield from connection.execute(
        query.execution_options(yield_per=BATCH_SIZE)
    ).mappings()


@dataclass
class _TablePlan:
    """How the rows of one table go back. Foreign keys to a table not yet
    written (a cycle or a self-reference) are inserted empty and set by
    UPDATEs after every insert, from ``pending``, which holds only those keys."""

    table: sa.Table
    deferred: list[str]
    pending: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.decoders = {column.name: decoder(column) for column in self.table.columns}

    def row(self, values: dict) -> dict:
        row = {name: decode(values[name]) for name, decode in self.decoders.items()}
        later = {name: row[name] for name in self.deferred}
        if any(value is not None for value in later.values()):
            keys = {f"key_{c.name}": row[c.name] for c in self.table.primary_key}
            self.pending.append(keys | {f"new_{n}": v for n, v in later.items()})
            row |= dict.fromkeys(self.deferred)
        return row


def _restore_plans(tables: list[sa.Table]) -> dict[str, _TablePlan]:
    """A plan per table, in insertion order; refuses a cycle it cannot break."""
    position = {table.name: index for index, table in enumerate(tables)}
    plans = {}
    for table in tables:
        deferred = []
        for key in table.foreign_keys:
            if position[key.column.table.name] < position[table.name]:
                continue
            if not key.parent.nullable:
                raise BackupError(
                    f"{table.name}.{key.parent.name} refers to a table restored "
                    "later and cannot be empty meanwhile; no insertion order works."
                )
            deferred.append(key.parent.name)
        plans[table.name] = _TablePlan(table, deferred)
    return plans


def _check_revision(connection: sa.Connection, expected: str | None) -> str:
    current = _current_revision(connection)
    if current != expected:
        raise BackupError(
            f"The backup was taken at Alembic revision {expected}, the database "
            f"stands at {current}: bring the database to revision {expected} "
            "(`flask db upgrade`) and restore again."
        )
    return current


def _clear_or_refuse(
    connection: sa.Connection, plans: dict[str, _TablePlan], replace: bool
) -> None:
    """Delete every row, after making sure that none is of value unless the
    operator asked to replace them."""
    tables = [plan.table for plan in plans.values()][:-1]  # not alembic_version
    valued = [table for table in tables if table.name not in SEEDED_BY_MIGRATIONS]
    holding = next((t.name for t in valued if _count(connection, t)), None)
    if holding is not None and not replace:
        raise BackupError(
            f"The database already holds rows (table {holding}): restore into an "
            "empty migrated database, or pass --replace to delete every row first."
        )
    for plan in plans.values():
        if plan.deferred:
            empty = dict.fromkeys(plan.deferred)
            connection.execute(sa.update(plan.table).values(empty))
    for table in reversed(tables):
        connection.execute(sa.delete(table))


def _insert_rows(
    connection: sa.Connection, plans: dict[str, _TablePlan], lines: Iterator
) -> Counter:
    """Insert the rows in batches, table by table in the plans' order."""
    order = list(plans)
    counts: Counter = Counter()
    batch: list[dict] = []
    current = None
    for number, item in lines:
        name, values = _row_item(number, item, plans)
        if name != current:
            _insert_batch(connection, plans.get(current), batch)
            if current is not None and order.index(name) < order.index(current):
                raise BackupError(f"Line {number}: the rows of {name} are misplaced.")
            current = name
        counts[name] += 1
        if plans[name].table is not ALEMBIC_VERSION:
            batch.append(plans[name].row(values))
        if len(batch) >= BATCH_SIZE:
            _insert_batch(connection, plans[name], batch)
    _insert_batch(connection, plans.get(current), batch)
    return counts


def _row_item(number: int, item: Any, plans: dict[str, _TablePlan]) -> tuple:
    name = item.get("t") if isinstance(item, dict) else None
    values = item.get("r") if isinstance(item, dict) else None
    if name not in plans or not isinstance(values, dict):
        raise BackupError(f"Line {number} is not a row of a known table.")
    if set(values) != set(plans[name].decoders):
        raise BackupError(f"Line {number}: the columns do not match table {name}.")
    return name, values


def _insert_batch(
    connection: sa.Connection, plan: _TablePlan | None, batch: list[dict]
) -> None:
    if plan is not None and batch:
        connection.execute(plan.table.insert(), batch)
    batch.clear()


def _check_counts(header: dict, counts: Counter) -> None:
    for entry in header["tables"]:
        if counts[entry["name"]] != entry["rows"]:
            raise BackupError(
                f"The backup is incomplete: its header counts {entry['rows']} "
                f"rows of {entry['name']}, the file holds {counts[entry['name']]}."
            )


def _apply_deferred_keys(
    connection: sa.Connection, plans: dict[str, _TablePlan]
) -> None:
    for plan in plans.values():
        if not plan.pending:
            continue
        key = [
            column == sa.bindparam(f"key_{column.name}")
            for column in plan.table.primary_key
        ]
        values = {name: sa.bindparam(f"new_{name}") for name in plan.deferred}
        statement = sa.update(plan.table).where(*key).values(values)
        for start in range(0, len(plan.pending), BATCH_SIZE):
            connection.execute(statement, plan.pending[start : start + BATCH_SIZE])


def _reset_sequences(connection: sa.Connection, tables: list[sa.Table]) -> None:
    """Move each PostgreSQL serial or identity sequence to the highest id, so
    that new rows get fresh ids."""
    if connection.dialect.name != "postgresql":
        return
    table_name = connection.dialect.identifier_preparer.format_table
    for table in tables:
        for column in table.primary_key:
            sequence = connection.scalar(
                sa.select(
                    sa.func.pg_get_serial_sequence(table_name(table), column.name)
                )
            )
            if sequence is not None:
                highest = sa.select(sa.func.max(column)).scalar_subquery()
                restart = sa.func.coalesce(highest, 1), highest.is_not(None)
                connection.execute(sa.select(sa.func.setval(sequence, *restart)))
