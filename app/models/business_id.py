"""The Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit."""

import re

from stdnum.exceptions import ValidationError
from stdnum.fi import ytunnus

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
