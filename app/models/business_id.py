"""The Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit."""

import re

from flask_babel import lazy_gettext as _l
from stdnum.exceptions import ValidationError
from stdnum.fi import ytunnus

# What a form or the API says of a business ID that is not one.
INVALID_BUSINESS_ID = _l(
    "The business ID is not valid: write it as seven digits, a hyphen and the "
    "check digit, for example 0124610-9."
)

# The hyphen may be left out; nothing else may be added.
_SHAPE = re.compile(r"\d{7}-?\d")


def normalise_business_id(value: str) -> str | None:
    """The business ID in its standard form ``1234567-8``, or None when the
    value is not a business ID or its check digit is wrong."""
    value = value.strip()
    if not _SHAPE.fullmatch(value):
        return None
    try:
        return ytunnus.format(ytunnus.validate(value))
    except ValidationError:
        return None
