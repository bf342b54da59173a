"""The operator's clock: Helsinki time for what users enter and read."""

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Europe/Helsinki"


def operator_timezone() -> ZoneInfo:
    name = DEFAULT_TIMEZONE
    if has_app_context():
        name = current_app.config.get("OPERATOR_TIMEZONE", DEFAULT_TIMEZONE)
    return ZoneInfo(name)


def local_now() -> datetime:
    """Now as a naive Helsinki wall-clock time, the form in which deadlines and
    session times are entered and stored."""
    return datetime.now(operator_timezone()).replace(tzinfo=None)
