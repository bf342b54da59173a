"""Form validators for the domain's rules, with messages that say what to fix.

They run before anything is written, so a form with an error is shown again with
the user's input kept and nothing saved. The database repeats the rules that it
can express as constraints.
"""

from datetime import date, datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from wtforms import Field, Form, ValidationError

from app.models.business_id import INVALID_BUSINESS_ID, normalise_business_id
from app.services.clock import local_now


class BusinessId:
    """A Finnish business ID whose check digit is right; the field's data is
    normalised to the form ``1234567-8``."""

    def __call__(self, form: Form, field: Field) -> None:
        if not field.data:
            return
        normalised = normalise_business_id(str(field.data))
        if normalised is None:
            raise ValidationError(INVALID_BUSINESS_ID)
        field.data = normalised


class NotBefore:
    """This field's date, time or amount must not be less than another field's."""

    def __init__(self, other_field: str, message=None) -> None:
        self.other_field = other_field
        self.message = message

    def __call__(self, form: Form, field: Field) -> None:
        other = form[self.other_field].data
        if field.data is None or other is None:
            return
        if _comparable(field.data) < _comparable(other):
            raise ValidationError(
                self.message
                or _l(
                    "The end cannot be before the start (%(start)s): check the dates.",
                    start=form[self.other_field].label.text,
                )
            )


class After:
    """This field's time must be strictly later than another field's."""

    def __init__(self, other_field: str) -> None:
        self.other_field = other_field

    def __call__(self, form: Form, field: Field) -> None:
        other = form[self.other_field].data
        if field.data is not None and other is not None and field.data <= other:
            raise ValidationError(_l("The end time must be later than the start time."))


class NonNegative:
    """A number that may be zero but not negative."""

    def __call__(self, form: Form, field: Field) -> None:
        if field.data is not None and Decimal(field.data) < 0:
            raise ValidationError(_l("Enter zero or a positive amount."))


class InRange:
    """A number within inclusive bounds, such as a percentage."""

    def __init__(self, low: float, high: float) -> None:
        self.low = Decimal(str(low))
        self.high = Decimal(str(high))

    def __call__(self, form: Form, field: Field) -> None:
        if field.data is None:
            return
        if not self.low <= Decimal(field.data) <= self.high:
            raise ValidationError(
                _l(
                    "Enter a number from %(low)s to %(high)s.",
                    low=_plain(self.low),
                    high=_plain(self.high),
                )
            )


class Positive:
    """A whole number greater than zero, such as a number of people."""

    def __call__(self, form: Form, field: Field) -> None:
        if field.data is not None and field.data <= 0:
            raise ValidationError(_l("Enter a number greater than zero."))


class FutureDeadline:
    """An offer deadline must lie in the future when it is set or changed.

    An unchanged deadline that has already passed may stay when other fields of
    the request are edited; ``stored_deadline`` looks it up for an edit form.
    """

    def __init__(self, stored_deadline) -> None:
        self.stored_deadline = stored_deadline

    def __call__(self, form: Form, field: Field) -> None:
        if field.data is None:
            return
        record_id = getattr(form, "_id", None)
        if record_id is not None and self.stored_deadline(record_id) == field.data:
            return
        if field.data <= local_now():
            raise ValidationError(
                _l("The offer deadline has already passed: choose a later time.")
            )


def _comparable(value):
    """Dates compare with times as their midnight; numbers as they are."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")
