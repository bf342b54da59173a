"""How values read on the screens: dates as d.M.yyyy, times as H.mm in Helsinki
time, amounts with the locale's separators, yes and no in words."""

from datetime import date, datetime
from decimal import Decimal

from flask import Flask
from flask_babel import format_currency, format_decimal, format_percent, gettext
from flask_babel import format_datetime as babel_format_datetime
from sqlalchemy import Boolean, Date, DateTime, Numeric

from app.services.service_path import company_stories, request_story
from app.services.timeline import company_timeline, request_timeline

DATE_PATTERN = "d.M.yyyy"
DATETIME_PATTERN = "d.M.yyyy H.mm"
EMPTY = "–"

# Stamps kept in UTC; every other time is a Helsinki wall-clock time as entered.
UTC_COLUMNS = {"created_on", "changed_on"}
USER_COLUMNS = {"created_by", "changed_by"}


def euros(amount: Decimal | int | float | None) -> str:
    """An amount in euros as the reader's locale writes it, e.g. 1 250,00 €."""
    if amount is None:
        return ""
    return format_currency(amount, "EUR")


def format_date(value: date | None) -> str:
    if value is None:
        return EMPTY
    return f"{value.day}.{value.month}.{value.year}"


def format_wall_clock(value: datetime | None) -> str:
    if value is None:
        return EMPTY
    return f"{format_date(value)} {value.hour}.{value.minute:02d}"


def format_utc(value: datetime | None) -> str:
    if value is None:
        return EMPTY
    return babel_format_datetime(value, DATETIME_PATTERN, rebase=True)


def format_number(value: Decimal | None) -> str:
    return EMPTY if value is None else format_decimal(value)


def format_share(value: Decimal | None) -> str:
    """A share as a percentage: 0.5 is 50 %."""
    return EMPTY if value is None else format_percent(value)


def format_flag(value: bool | None) -> str:
    if value is None:
        return EMPTY
    return gettext("Yes") if value else gettext("No")


def format_user(value) -> str:
    return gettext("System") if value is None else str(value)


def or_empty(value) -> str:
    return EMPTY if value is None or value == "" else value


def format_related(value) -> str:
    """A related record by its name, or several separated by commas."""
    if value is None:
        return EMPTY
    if isinstance(value, list | tuple | set):
        return ", ".join(str(item) for item in value) or EMPTY
    return str(value)


def formatter_for(model, column_name: str):
    """The formatter of one column of a model, chosen by the column's type."""
    if column_name in USER_COLUMNS:
        return format_user
    if column_name in UTC_COLUMNS:
        return format_utc
    if column_name in model.__mapper__.relationships:
        return format_related
    column = model.__table__.columns.get(column_name)
    if column is None:
        return None
    by_type = (
        (DateTime, format_wall_clock),
        (Date, format_date),
        (Boolean, format_flag),
        (Numeric, format_number),
    )
    for column_type, formatter in by_type:
        if isinstance(column.type, column_type):
            return formatter
    return or_empty


def register_template_filters(app: Flask) -> None:
    app.add_template_filter(euros, "euros")
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_wall_clock, "wall_clock")
    app.add_template_filter(format_number, "decimal")
    app.add_template_filter(format_share, "percent")
    app.add_template_global(company_stories, "company_stories")
    app.add_template_global(request_story, "request_story")
    app.add_template_global(company_timeline, "company_timeline")
    app.add_template_global(request_timeline, "request_timeline")
