"""The Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit."""

from stdnum.exceptions import ValidationError
from stdnum.fi import ytunnus


def normalise_business_id(value: str) -> str | None:
    """The business ID in its standard form ``1234567-8``, or None when the
    value is not a business ID or its check digit is wrong."""
    try:
        return ytunnus.format(ytunnus.validate(value))
    except ValidationError:
        return None
