"""What the API says when a request cannot be served, in the caller's language
(``Accept-Language`` or ``?_l_=``): the API's own refusals and marshmallow's
field messages, each saying what to fix."""

from flask_babel import lazy_gettext as _l

NOT_JSON = _l(
    "Send the record as JSON, with the header Content-Type: application/json."
)
MALFORMED_JSON = _l(
    "The body is not valid JSON: check its quotes, commas and brackets."
)
NOT_AN_OBJECT = _l("Send one JSON object whose keys are the record's fields.")
NOT_FOUND = _l("No such record, or it is not yours to see.")
NOT_SIGNED_IN = _l("Sign in first: send the access token as Authorization: Bearer.")
FORBIDDEN = _l("Your role may not do this.")
NOT_WRITABLE = _l("You may not change this record.")
CONFLICT = _l(
    "The record conflicts with another one: check the fields that must be unique."
)
BAD_FILTER = _l("A filter value does not fit its field: check the value and its type.")
BAD_QUERY = _l("The q parameter is not valid Rison or JSON: check its syntax.")
BAD_PAGE = _l(
    "Give page and page_size as whole numbers from 0 up: the page counts from 0, "
    "a page holds at most 100 records."
)
NO_COLUMN_CHOICE = _l("Choosing the columns is not supported: leave out 'columns'.")
UNKNOWN_ID = _l("There is no record with this id that you may use.")

# marshmallow's own messages, by their English text, and what we say instead.
FIELD_MESSAGES = {
    "Missing data for required field.": _l("This field is required: add it."),
    "Field may not be null.": _l("This field cannot be null: give a value."),
    "Unknown field.": _l("Unknown field: remove it or check its name."),
    "Invalid input type.": _l("Send a JSON object here."),
    "Invalid value.": _l("The value is not valid."),
    "Not a valid string.": _l("Give text here, in quotes."),
    "Not a valid utf-8 string.": _l("Give text here, in quotes."),
    "Not a valid integer.": _l("Give a whole number here, without quotes."),
    "Not a valid number.": _l("Give a number here, for example 1250.50."),
    "Number too large.": _l("The number is too large."),
    "Special numeric values (nan or infinity) are not permitted.": _l(
        "Give a finite number here."
    ),
    "Not a valid boolean.": _l("Give true or false here."),
    "Not a valid date.": _l("Give a date as YYYY-MM-DD, for example 2027-01-31."),
    "Not a valid email address.": _l(
        "Give a valid email address, for example name@example.fi."
    ),
    "Not a valid list.": _l("Give a list here, for example [1, 2]."),
}


def field_messages(messages):
    """marshmallow's error messages (a dict, list or text, nested), translated
    and made plain text for JSON."""
    if isinstance(messages, dict):
        return {str(key): field_messages(value) for key, value in messages.items()}
    if isinstance(messages, list | tuple):
        return [field_messages(message) for message in messages]
    text = str(messages)
    return str(FIELD_MESSAGES.get(text, text))
