"""How numbers and dates read in the user's language, for templates."""

from decimal import Decimal

from flask import Flask
from flask_babel import format_currency

from app.services.service_path import company_stories, request_story


def euros(amount: Decimal | int | float | None) -> str:
    """An amount in euros as the reader's locale writes it, e.g. 1 250,00 €."""
    if amount is None:
        return ""
    return format_currency(amount, "EUR")


def register_template_filters(app: Flask) -> None:
    app.add_template_filter(euros, "euros")
    app.add_template_global(company_stories, "company_stories")
    app.add_template_global(request_story, "request_story")
