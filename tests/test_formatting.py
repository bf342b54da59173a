"""Values on the screens read the Finnish way."""

from datetime import date, datetime
from decimal import Decimal

from flask_babel import force_locale

from app.models import Lead, Offer, RequestForQuotation
from app.views import formatting


def test_dates_and_wall_clock_times_are_written_day_first(app):
    with app.test_request_context():
        assert formatting.format_date(date(2026, 3, 5)) == "5.3.2026"
        assert (
            formatting.format_wall_clock(datetime(2026, 3, 5, 9, 5)) == "5.3.2026 9.05"
        )


def test_record_stamps_in_utc_are_shown_in_helsinki_time(app):
    with app.test_request_context():
        winter = formatting.format_utc(datetime(2026, 1, 15, 22, 30))
        summer = formatting.format_utc(datetime(2026, 7, 15, 22, 30))
    assert winter == "16.1.2026 0.30"
    assert summer == "16.7.2026 1.30"


def test_euros_have_a_comma_and_non_breaking_spaces_in_finnish(app):
    with app.test_request_context(), force_locale("fi"):
        assert formatting.euros(Decimal("14500")) == "14\u00a0500,00\u00a0€"


def test_empty_values_flags_and_related_records_read_as_words(app):
    with app.test_request_context(), force_locale("fi"):
        assert formatting.format_flag(True) == "Kyllä"
        assert formatting.format_flag(False) == "Ei"
        assert formatting.format_user(None) == "Järjestelmä"
        assert formatting.format_related(None) == formatting.EMPTY
        assert formatting.format_related(["A Oy", "B Oy"]) == "A Oy, B Oy"


def test_each_column_gets_the_formatter_of_its_type():
    assert formatting.formatter_for(Offer, "price") is formatting.format_number
    assert formatting.formatter_for(Offer, "created_on") is formatting.format_utc
    assert (
        formatting.formatter_for(RequestForQuotation, "offer_deadline")
        is formatting.format_wall_clock
    )
    assert formatting.formatter_for(Lead, "next_follow_up_on") is formatting.format_date
    assert (
        formatting.formatter_for(RequestForQuotation, "client_companies")
        is formatting.format_related
    )
