"""``flask backup``: write the whole database to a file and put it back."""

from pathlib import Path

import click
from flask.cli import AppGroup

from app.extensions import db


# AppGroup runs each command inside the app context, also under the test runner.
@click.group("backup", cls=AppGroup)
def backup() -> None:
    """Back up and restore the whole database."""


@backup.command("create")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def create_command(file: Path) -> None:
    """Write every row of the database to FILE (gzip-compressed JSON lines)."""
    from app.services.backup import BackupError, create_backup

    try:
        summary = create_backup(db.engine, file)
    except (BackupError, OSError) as error:
        raise click.ClickException(f"Backup failed: {error}") from error
    click.echo(
        f"Backed up {summary.rows} rows of {summary.tables} tables "
        f"(Alembic revision {summary.revision}) to {file}."
    )


@backup.command("restore")
@click.argument(
    "file", type=click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)
)
@click.option(
    "--replace", is_flag=True, help="Delete every row of the database before restoring."
)
def restore_command(file: Path, replace: bool) -> None:
    """Put the rows of FILE into this database, at the same Alembic revision.

    The database must be empty (only migrated) unless --replace is given. The
    whole restore is one transaction: on any error nothing changes.
    """
    from app.services.backup import BackupError, restore_backup

    try:
        summary = restore_backup(db.engine, file, replace=replace)
    except (BackupError, OSError) as error:
        raise click.ClickException(f"Restore refused: {error}") from error
    click.echo(
        f"Restored {summary.rows} rows of {summary.tables} tables "
        f"(Alembic revision {summary.revision}) from {file}."
    )
