"""The Finnish business ID (Y-tunnus) and its check digit."""

import pytest

from app.models.business_id import normalise_business_id


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("0124610-9", "0124610-9"),
        (" 0124610-9 ", "0124610-9"),
        ("01246109", "0124610-9"),
        ("3100223-6", "3100223-6"),
    ],
)
def test_a_valid_business_id_is_given_in_its_standard_form(given, expected):
    assert normalise_business_id(given) == expected


@pytest.mark.parametrize(
    "given",
    ["0124610-8", "0124610-1", "012461-9", "abcdefg-h", "", "1234567-89", "0124610--9"],
)
def test_a_wrong_check_digit_or_shape_is_refused(given):
    assert normalise_business_id(given) is None
