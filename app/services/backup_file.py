"""The backup file: a gzip-compressed file of JSON lines, a header naming the
format, the Alembic revision and each table with its row count, then one line
per row. How values are written to it and read back, and how its lines are
read, telling a damaged or foreign file."""

import base64
import enum
import json
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import IO, Any

import sqlalchemy as sa

FORMAT = "koulutusoperaattori-backup"
FORMAT_VERSION = 1

# How a value written by encode is read back, by column type.
PARSERS: list[tuple[type, Callable[[Any], Any]]] = [
    (sa.DateTime, datetime.fromisoformat),
    (sa.Date, date.fromisoformat),
    (sa.Time, time.fromisoformat),
    (sa.LargeBinary, base64.b64decode),
    (sa.Float, float),
    (sa.Numeric, Decimal),
]


class BackupError(Exception):
    """A backup cannot be written or restored; the message says why."""


def new_header(revision: str | None, counts: dict[str, int]) -> dict:
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "alembic_revision": revision,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tables": [{"name": name, "rows": rows} for name, rows in counts.items()],
    }


def write_line(out: IO[str], item: dict) -> None:
    out.write(json.dumps(item, ensure_ascii=False, separators=(",", ":")) + "\n")


def encode_row(row: dict) -> dict:
    return {name: encode(value) for name, value in row.items()}


def encode(value: Any) -> Any:
    """A value as JSON holds it; the column type tells a restore how to read it."""
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def decoder(column: sa.Column) -> Callable[[Any], Any]:
    kind = column.type
    if isinstance(kind, sa.JSON):
        # SQL NULL; a plain None would be written as the JSON value null.
        return lambda value: sa.null() if value is None else value
    for column_type, parse in PARSERS:
        if isinstance(kind, column_type):
            return lambda value, parse=parse: None if value is None else parse(value)
    return lambda value: value


def read_lines(source: IO[str]) -> Iterator[tuple[int, Any]]:
    """The parsed lines of a backup, numbered; a damaged file ends them with a
    BackupError."""
    number = 1
    try:
        for number, line in enumerate(source, start=1):
            yield number, json.loads(line)
    except (OSError, EOFError, ValueError, zlib.error) as error:
        raise BackupError(
            f"The file is not a readable backup: damaged or cut short near line "
            f"{number} ({error})."
        ) from error


def read_header(lines: Iterator[tuple[int, Any]]) -> dict:
    _, header = next(lines, (0, None))
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise BackupError("The file is not a backup of this application.")
    if header.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"The backup has format version {header.get('version')!r}; this "
            f"application reads version {FORMAT_VERSION}."
        )
    tables = header.get("tables")
    if not isinstance(tables, list) or not all(
        isinstance(entry, dict) and {"name", "rows"} <= set(entry) for entry in tables
    ):
        raise BackupError("The backup's header has no valid list of tables.")
    return header
