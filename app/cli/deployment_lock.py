"""Deployment steps one at a time.

``flask db upgrade`` and ``flask bootstrap`` may start on several hosts at once,
each host running its own deploy script. Without a lock the second process fails
on the tables and rows the first one is creating at that moment. On PostgreSQL
both steps hold one advisory lock: a second process waits for the first, then
finds everything in place and changes nothing. SQLite serves a single machine
and gets no lock.
"""

import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, text

# PostgreSQL names an advisory lock by a number; this one is fixed.
DEPLOYMENT_LOCK_KEY = zlib.crc32(b"koulutusoperaattori:deployment")


def lock_for_transaction(connection: Connection) -> None:
    """Wait until no other deployment step runs, then hold the lock until the
    connection's current transaction ends (the migrations' transaction)."""
    if connection.dialect.name == "postgresql":
        connection.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": DEPLOYMENT_LOCK_KEY}
        )


@contextmanager
def deployment_lock(engine: Engine) -> Iterator[None]:
    """Hold the lock for the whole block, across the commits made inside it: the
    lock belongs to a connection of its own, which PostgreSQL also frees should
    the process die."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        connection.execute(
            text("SELECT pg_advisory_lock(:key)"), {"key": DEPLOYMENT_LOCK_KEY}
        )
        connection.commit()  # the lock outlives the transaction; end it
        try:
            yield
        finally:
            connection.execute(
                text("SELECT pg_advisory_unlock(:key)"), {"key": DEPLOYMENT_LOCK_KEY}
            )
            connection.commit()
