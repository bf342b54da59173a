"""Corrections to Flask-AppBuilder's form fields, put in FAB's form converter
once, when this module is imported.

- FAB's select field for enum columns raises ValueError for a value outside
  its choices; WTForms 3.2 catches only ValidationError there, so a tampered
  post became a server error instead of a form error.
- FAB's date-and-time field hangs a date picker on its input that knows no
  times: leaving the field rewrote a typed "2026-12-20 16:00:00" to the day
  the picker thought of, so an offer deadline or a session could not be
  entered in a browser. The browser's own date-and-time input replaces it.
"""

import flask_appbuilder.forms
from flask_appbuilder.fields import EnumField
from flask_appbuilder.forms import FieldConverter
from wtforms import DateTimeField, ValidationError
from wtforms.widgets import DateTimeLocalInput


class ChoiceField(EnumField):
    """FAB's enum select field, reporting an unknown value as a form error."""

    def pre_validate(self, form) -> None:
        try:
            super().pre_validate(form)
        except ValueError as error:
            raise ValidationError(str(error)) from error


# The browser's input sends the first form; programs and older pages may send
# the others. Times are Helsinki wall-clock times.
WALL_CLOCK_FORMATS = [
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
]


class WallClockField(DateTimeField):
    """A date and time entered in the browser's date-and-time input."""

    def __init__(self, label=None, validators=None, **options) -> None:
        super().__init__(label, validators, format=WALL_CLOCK_FORMATS, **options)

    def _value(self) -> str:
        if self.raw_data:
            return " ".join(self.raw_data)
        if self.data is None:
            return ""
        # Seconds are shown only where a time has them, so that saving the
        # form again keeps the time as it was.
        with_seconds = WALL_CLOCK_FORMATS[1] if self.data.second else None
        return self.data.strftime(with_seconds or WALL_CLOCK_FORMATS[0])


class WallClockInput(DateTimeLocalInput):
    """The browser's date-and-time input, styled like FAB's other inputs."""

    def __call__(self, field, **attributes):
        attributes.setdefault("class", "form-control")
        if field.data is not None and field.data.second:
            attributes.setdefault("step", "1")
        return super().__call__(field, **attributes)


flask_appbuilder.forms.EnumField = ChoiceField
FieldConverter.conversion_table = tuple(
    (marker, WallClockField, WallClockInput)
    if marker == "is_datetime"
    else (marker, field, widget)
    for marker, field, widget in FieldConverter.conversion_table
)
