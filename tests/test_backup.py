"""Backup and restore: every row of every table comes back as it was, into the
same database or a freshly migrated one, and a file that is not a complete backup
of the database's revision is refused without changing anything."""

import gzip
import json
from datetime import date
from decimal import Decimal

import pytest
from flask_appbuilder import Model
from flask_migrate import upgrade
from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    Text,
    cast,
    create_engine,
    inspect,
    select,
    update,
)
from sqlalchemy.exc import OperationalError

from app.extensions import db
from app.models import AuditAction, AuditEvent, Organisation, OrganisationKind
from app.services import backup
from app.services.backup import BackupError, create_backup, restore_backup
from tests.conftest import build_app, demo_app
from tests.databases import (
    drop_database,
    fresh_database,
    keep_databases,
    uses_postgresql,
)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """An app over its own database holding the demo data."""
    url = fresh_database(tmp_path_factory.mktemp("backup"), "backup_source")
    with demo_app(url) as application:
        _let_the_admin_create_every_account(application)
        _sign_in(application)
        yield application
    if not keep_databases():
        drop_database(url)


@pytest.fixture(scope="module")
def original(source):
    return _dump(source)


@pytest.fixture(scope="module")
def backup_file(source, original, tmp_path_factory):
    path = tmp_path_factory.mktemp("files") / "demo.jsonl.gz"
    with source.app_context():
        create_backup(db.engine, path)
    return path


@pytest.fixture
def empty_app(tmp_path):
    """An app over a database that is migrated and holds nothing else."""
    url = fresh_database(tmp_path, "backup_target")
    application = build_app(url)
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()
    if not keep_databases():
        drop_database(url)


def _let_the_admin_create_every_account(app) -> None:
    """Accounts that name their creator: a self-reference the restore must
    set after inserting the users."""
    users = Model.metadata.tables["ab_user"]
    with app.app_context(), db.engine.begin() as connection:
        admin = connection.scalar(select(users.c.id).where(users.c.username == "admin"))
        connection.execute(
            update(users).where(users.c.id != admin).values(created_by_fk=admin)
        )


def _dump(app) -> dict[str, list[tuple]]:
    """Every row of every table, all columns, ordered by primary key."""
    with app.app_context(), db.engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
        assert names == set(Model.metadata.tables) | {"alembic_version"}
        dump = {
            table.name: [tuple(row) for row in connection.execute(_ordered(table))]
            for table in Model.metadata.sorted_tables
        }
        dump["alembic_version"] = connection.exec_driver_sql(
            "SELECT version_num FROM alembic_version"
        ).all()
    return dump


def _ordered(table):
    """The rows of a table; JSON as stored, which tells SQL NULL from JSON null."""
    columns = [
        cast(column, Text) if isinstance(column.type, JSON) else column
        for column in table.columns
    ]
    return select(*columns).order_by(*table.primary_key)


def _restore(app, path, replace: bool = False) -> None:
    with app.app_context():
        restore_backup(db.engine, path, replace=replace)


def _rewrite(path, target, edit) -> None:
    """Write a copy of the backup at ``path`` with its lines edited."""
    with gzip.open(path, "rt", encoding="utf-8") as file:
        lines = file.read().splitlines(keepends=True)
    with gzip.open(target, "wt", encoding="utf-8") as file:
        file.writelines(edit(lines))


def test_the_demo_data_fills_the_tables_compared(original):
    assert len(original["ab_user"]) == 7
    assert original["audit_event"] and original["invoice"] and original["offer"]


def test_the_backup_is_gzipped_json_lines_after_a_header(source, original, backup_file):
    with gzip.open(backup_file, "rt", encoding="utf-8") as file:
        header, *rows = [json.loads(line) for line in file]

    assert header["format"] == "koulutusoperaattori-backup"
    assert header["version"] == 1
    with source.app_context():
        assert header["alembic_revision"] == db.session.scalar(
            db.text("SELECT version_num FROM alembic_version")
        )
    counts = {table["name"]: table["rows"] for table in header["tables"]}
    assert counts == {name: len(dumped) for name, dumped in original.items()}
    assert sum(counts.values()) == len(rows)
    invoice = next(row["r"] for row in rows if row["t"] == "invoice")
    assert invoice["issued_on"] == date.fromisoformat(invoice["issued_on"]).isoformat()
    invoice_line = next(row["r"] for row in rows if row["t"] == "invoice_line")
    assert Decimal(invoice_line["vat_rate"]) >= 0


def test_restore_with_replace_brings_back_every_row(source, original, backup_file):
    with source.app_context(), db.engine.begin() as connection:
        organisations = Model.metadata.tables["organisation"]
        connection.execute(update(organisations).values(name="Muutettu"))
        connection.execute(AuditEvent.__table__.delete())

    _restore(source, backup_file, replace=True)

    assert _dump(source) == original


def test_a_restore_into_a_migrated_database_gives_the_same_rows_and_fresh_ids(
    empty_app, original, backup_file
):
    _restore(empty_app, backup_file)

    assert _dump(empty_app) == original
    with empty_app.app_context():
        role = empty_app.appbuilder.sm.add_role("Uusi rooli")
        company = Organisation(
            name="Uusi Oy", kind=OrganisationKind.client, business_id="2331972-7"
        )
        db.session.add(company)
        db.session.commit()
        event = db.session.execute(
            AuditEvent.__table__.insert().values(action=AuditAction.login)
        ).inserted_primary_key[0]
        db.session.commit()

        assert role.id > max(row[0] for row in original["ab_role"])
        assert company.id > max(row[0] for row in original["organisation"])
        assert event > max(row[0] for row in original["audit_event"])


def test_a_backup_holds_one_moment_while_the_app_writes(
    source, original, tmp_path, monkeypatch
):
    stream_rows = backup._stream_rows

    def sign_in_meanwhile(connection, table):
        if table.name == "audit_event" and uses_postgresql():
            _sign_in(source)  # lands outside the backup's snapshot
        elif table.name == "audit_event":
            # SQLite makes writers wait for the backup's read transaction.
            with pytest.raises(OperationalError, match="locked"):
                _sign_in(source, timeout=0)
        return stream_rows(connection, table)

    monkeypatch.setattr(backup, "_stream_rows", sign_in_meanwhile)
    with source.app_context():
        create_backup(db.engine, tmp_path / "busy.jsonl.gz")
    _restore(source, tmp_path / "busy.jsonl.gz", replace=True)

    assert _dump(source) == original


def _sign_in(app, **connect_args) -> None:
    """An audit event without changes (SQL NULL), from a connection of its own."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    engine = create_engine(url, connect_args=connect_args)
    try:
        with engine.begin() as connection:
            connection.execute(
                AuditEvent.__table__.insert().values(action=AuditAction.login)
            )
    finally:
        engine.dispose()


def test_restore_refuses_a_database_that_holds_rows(source, original, backup_file):
    with pytest.raises(BackupError, match="already holds rows"):
        _restore(source, backup_file)

    assert _dump(source) == original


def test_a_backup_of_another_revision_is_refused(
    source, original, backup_file, tmp_path
):
    def other_revision(lines):
        header = json.loads(lines[0]) | {"alembic_revision": "0001"}
        return [json.dumps(header) + "\n", *lines[1:]]

    _rewrite(backup_file, tmp_path / "old.jsonl.gz", other_revision)

    with pytest.raises(BackupError, match="flask db upgrade"):
        _restore(source, tmp_path / "old.jsonl.gz", replace=True)
    assert _dump(source) == original


# How a backup is damaged, and what the refusal says.
DAMAGES = {
    "cut in the middle of a row": (
        lambda lines: [*lines[: len(lines) // 2], lines[len(lines) // 2][:25]],
        "cut short",
    ),
    "rows missing at the end": (lambda lines: lines[:-40], "incomplete"),
    "a row of another schema": (
        lambda lines: [
            *lines[:-40],
            lines[-40].replace('"id":', '"key":'),
            *lines[-39:],
        ],
        "columns do not match",
    ),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_backup_is_refused_and_the_database_kept(
    source, original, backup_file, tmp_path, damage
):
    edit, refusal = DAMAGES[damage]
    _rewrite(backup_file, tmp_path / "damaged.jsonl.gz", edit)

    with pytest.raises(BackupError, match=refusal):
        _restore(source, tmp_path / "damaged.jsonl.gz", replace=True)
    assert _dump(source) == original


def test_a_gzip_stream_cut_short_is_refused_and_the_database_kept(
    source, original, backup_file, tmp_path
):
    content = backup_file.read_bytes()
    (tmp_path / "cut.jsonl.gz").write_bytes(content[: len(content) * 2 // 3])

    with pytest.raises(BackupError, match="cut short"):
        _restore(source, tmp_path / "cut.jsonl.gz", replace=True)
    assert _dump(source) == original


NOT_BACKUPS = {
    "plain text": b"id;name\n1;Peltolan Konepaja Oy\n",
    "empty gzip": gzip.compress(b""),
    "other JSON lines": gzip.compress(b'{"name": "Peltolan Konepaja Oy"}\n'),
    "unknown format version": gzip.compress(
        b'{"format": "koulutusoperaattori-backup", "version": 99, "tables": []}\n'
    ),
}


@pytest.mark.parametrize("kind", NOT_BACKUPS)
def test_a_file_that_is_not_a_backup_is_refused(source, original, tmp_path, kind):
    path = tmp_path / "not-a-backup.gz"
    path.write_bytes(NOT_BACKUPS[kind])

    with pytest.raises(BackupError, match="not a|version 99"):
        _restore(source, path, replace=True)
    assert _dump(source) == original


def test_a_cycle_through_a_required_column_is_refused_before_any_change(
    source, original, backup_file, monkeypatch
):
    metadata = MetaData()
    Table(
        "task",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("parent_id", ForeignKey("task.id"), nullable=False),
    )
    tables = [*metadata.sorted_tables, backup.ALEMBIC_VERSION]
    monkeypatch.setattr(backup, "backed_up_tables", lambda: tables)

    with pytest.raises(BackupError, match="task.parent_id"):
        _restore(source, backup_file, replace=True)
    assert _dump(source) == original


def test_the_cli_creates_and_restores_a_backup(source, original, tmp_path):
    runner = source.test_cli_runner()
    path = tmp_path / "cli.jsonl.gz"
    rows = sum(len(table_rows) for table_rows in original.values())

    created = runner.invoke(args=["backup", "create", str(path)])
    refused = runner.invoke(args=["backup", "restore", str(path)])
    restored = runner.invoke(args=["backup", "restore", str(path), "--replace"])

    assert created.exit_code == 0, created.output
    assert f"Backed up {rows} rows of {len(original)} tables" in created.output
    assert refused.exit_code == 1
    assert "already holds rows" in refused.output
    assert "--replace" in refused.output
    assert restored.exit_code == 0, restored.output
    assert f"Restored {rows} rows of {len(original)} tables" in restored.output
    assert _dump(source) == original


def test_the_cli_names_a_file_that_is_not_a_backup(source, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("muistiinpanoja\n")

    result = source.test_cli_runner().invoke(args=["backup", "restore", str(path)])

    assert result.exit_code == 1
    assert "Restore refused: The file is not a readable backup" in result.output
