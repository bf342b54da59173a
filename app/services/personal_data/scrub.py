"""Removing a person's details from free text anywhere in the database: notes,
descriptions, email subjects, audit labels and changes.

Every text and JSON column of every table is searched for the values (full
names, email addresses, phone numbers); each occurrence, in any letter case,
is replaced by the marker of the record it came from. The tables of people
themselves are left to the erasure, which anonymises whole records.
"""

import json
import re

from flask_appbuilder import Model
from sqlalchemy import JSON, Enum, String, Text, Unicode, cast, or_, select, update

from app.extensions import db

# Tables whose rows are people: the erasure handles them record by record.
PEOPLE_TABLES = {"contact_person", "participant", "trainer", "ab_user"}
# Shorter values would match too much that is not the person.
SHORTEST_VALUE = 5


def scrub_text(replacements: dict[str, str]) -> int:
    """Replace each value (key) by its marker in every text of the database;
    the number of rows changed."""
    wanted = {
        value.strip().lower(): marker
        for value, marker in replacements.items()
        if value and len(value.strip()) >= SHORTEST_VALUE
    }
    if not wanted:
        return 0
    pattern = re.compile(
        "|".join(re.escape(value) for value in sorted(wanted, key=len, reverse=True)),
        re.IGNORECASE,
    )

    def replace(text: str) -> str:
        return pattern.sub(lambda found: wanted[found.group(0).lower()], text)

    changed = 0
    for table in Model.metadata.sorted_tables:
        if table.name not in PEOPLE_TABLES:
            changed += _scrub_table(table, wanted, replace)
    return changed


def _text_columns(table) -> list:
    return [
        column
        for column in table.columns
        if isinstance(column.type, String | Text | Unicode | JSON)
        and not isinstance(column.type, Enum)
    ]


# How many LIKE conditions one query holds; SQLite refuses an expression
# deeper than 1000.
CONDITIONS_PER_QUERY = 240


def _scrub_table(table, wanted: dict[str, str], replace) -> int:
    columns = _text_columns(table)
    primary_key = list(table.primary_key.columns)
    if not columns or not primary_key:
        return 0
    values = sorted(wanted)
    per_query = max(1, CONDITIONS_PER_QUERY // (len(columns) * 6))
    changed = 0
    for start in range(0, len(values), per_query):
        conditions = [
            (cast(column, Text) if isinstance(column.type, JSON) else column).icontains(
                form, autoescape=True
            )
            for column in columns
            for value in values[start : start + per_query]
            for form in _stored_forms(value, isinstance(column.type, JSON))
        ]
        rows = db.session.execute(
            select(*primary_key, *columns).where(or_(*conditions))
        ).all()
        changed += sum(
            _replace_in_row(table, primary_key, columns, row, replace) for row in rows
        )
    return changed


def _replace_in_row(table, primary_key, columns, row, replace) -> bool:
    values = {}
    for column in columns:
        old = row._mapping[column]
        new = _replaced(old, replace)
        if new != old:
            values[column.name] = new
    if values:
        db.session.execute(
            update(table)
            .where(*(column == row._mapping[column] for column in primary_key))
            .values(values)
        )
    return bool(values)


def _stored_forms(value: str, is_json: bool) -> set[str]:
    """How the value may be written in a column. ILIKE is case-blind for any
    letter on PostgreSQL but for ASCII only on SQLite, so the capitalised form
    is looked for too; JSON text escapes letters beyond ASCII."""
    forms = {value, value.title(), value.upper()}
    if is_json:
        forms |= {json.dumps(form)[1:-1] for form in forms}
    return forms


def _replaced(value, replace):
    """The value with every occurrence replaced, inside JSON too."""
    if isinstance(value, str):
        return replace(value)
    if isinstance(value, list):
        return [_replaced(item, replace) for item in value]
    if isinstance(value, dict):
        return {key: _replaced(item, replace) for key, item in value.items()}
    return value
