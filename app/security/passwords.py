"""The password rule for accounts: long enough, and not made of the obvious."""

from flask_appbuilder.exceptions import PasswordComplexityValidationError
from flask_babel import gettext

MINIMUM_LENGTH = 12

# Passwords that length alone does not keep out.
TOO_COMMON = {
    "salasana1234",
    "salasana12345",
    "password1234",
    "qwertyuiop12",
    "123456789012",
    "vantaa123456",
    "kesakuu2025!",
}


def check_password(password: str) -> None:
    """Raise with a message that says what to fix if the password is weak."""
    if len(password or "") < MINIMUM_LENGTH:
        raise PasswordComplexityValidationError(
            gettext(
                "The password must be at least %(count)s characters long.",
                count=MINIMUM_LENGTH,
            )
        )
    if password.lower() in TOO_COMMON or len(set(password)) < 5:
        raise PasswordComplexityValidationError(
            gettext(
                "The password is too easy to guess: use several words or a mix "
                "of different characters."
            )
        )
