"""The benchmark's databases: made afresh, migrated, bootstrapped, given the
demo data and then the city-sized data set."""

import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from app.demo.loader import load_demo_data
from app.extensions import db
from app.security.bootstrap import bootstrap_security
from app.services.reminders.defaults import ensure_default_rules
from app.services.standing_themes import ensure_standing_themes
from bench.application import build_bench_app
from bench.dataset import Sizes, populate
from config import BASE_DIR, database_url

logger = logging.getLogger(__name__)

SQLITE_FILE = BASE_DIR / "instance" / "bench" / "operator_bench.db"


@dataclass
class BenchDatabase:
    """A populated database: its URL, what it holds and how long it took."""

    label: str
    url: str
    rows: dict[str, int]
    seconds: float
    reused: bool = False


def sqlite_url(path: Path = SQLITE_FILE) -> str:
    return f"sqlite:///{path}"


def _exists(url: str) -> bool:
    """Whether the database may exist: an SQLite file is not made by looking."""
    target = make_url(url)
    return target.get_backend_name() != "sqlite" or Path(target.database).exists()


def beside(url: str, suffix: str) -> str:
    """Another benchmark database next to the one at ``url``."""
    target = make_url(url)
    if target.get_backend_name() == "sqlite":
        path = Path(target.database)
        return sqlite_url(path.with_name(f"{path.stem}_{suffix}{path.suffix}"))
    named = target.set(database=f"{target.database}_{suffix}")
    return named.render_as_string(hide_password=False)


def postgresql_url(url: str) -> str:
    """The URL with the driver the requirements install (psycopg 3)."""
    saved = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        return database_url()
    finally:
        if saved is None:
            del os.environ["DATABASE_URL"]
        else:
            os.environ["DATABASE_URL"] = saved


def recreate(url: str) -> None:
    """Drop and create the benchmark's database. Only a database whose name
    says it is a benchmark's is ever dropped."""
    target = make_url(url)
    if target.get_backend_name() == "sqlite":
        path = Path(target.database)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    if "bench" not in target.database:
        raise SystemExit(
            f"Refusing to drop the database {target.database!r}: the benchmark "
            "recreates its database, so name one with 'bench' in it, for example "
            "postgresql://operator:operator@localhost/operator_bench."
        )
    admin = sa.create_engine(
        target.set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as connection:
        connection.execute(
            sa.text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)')
        )
        connection.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def holds(url: str, sizes: Sizes) -> bool:
    """Whether the database at ``url`` already holds a data set of ``sizes``
    (with ``BENCH_REUSE=1`` it is then used as it is)."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            leads = connection.scalar(sa.text("SELECT count(*) FROM lead"))
            audit = connection.scalar(sa.text("SELECT count(*) FROM audit_event"))
    except sa.exc.DBAPIError:
        return False
    finally:
        engine.dispose()
    return leads >= sizes.leads and audit >= sizes.audit_rows


def prepare(
    label: str, url: str, sizes: Sizes | None, reuse: bool = False
) -> BenchDatabase:
    """A fresh database at ``url`` holding the city of ``sizes`` (None: the
    demo data alone); with ``reuse``, one that already holds it is kept."""
    if sizes and reuse and _exists(url) and holds(url, sizes):
        logger.info("%s database reused as it is", label)
        return BenchDatabase(label, url, {}, 0.0, reused=True)
    started = time.perf_counter()
    recreate(url)
    app = build_bench_app(url)
    with app.app_context():
        upgrade()
        bootstrap_security(app.appbuilder)
        ensure_default_rules()
        ensure_standing_themes()
        load_demo_data(app.appbuilder)
        rows = populate(app.appbuilder, sizes) if sizes else {}
        db.session.remove()
        db.engine.dispose()
    seconds = time.perf_counter() - started
    logger.info("%s database ready in %.0f s", label, seconds)
    return BenchDatabase(label, url, rows, seconds)
