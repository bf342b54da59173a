"""Fixed choice lists stored as short codes and shown as translated labels.

A choice is a Python enum whose member names are the codes kept in the database
and whose values are lazily translated labels. ``str()`` of a member gives the
label in the reader's language, which is what Flask-AppBuilder's lists, show
pages and select boxes display.
"""

import enum

from flask_babel import lazy_gettext as _l
from sqlalchemy import Enum


class Choice(enum.Enum):
    """Base class of the domain's choice lists."""

    def __str__(self) -> str:
        return str(self.value)

    @property
    def code(self) -> str:
        return self.name


def choice_column_type(choice: type[Choice]) -> Enum:
    """A portable column type: a VARCHAR of codes, no database enum type."""
    return Enum(
        choice,
        native_enum=False,
        create_constraint=False,
        length=32,
        validate_strings=True,
    )


class Language(Choice):
    fi = _l("Finnish")
    sv = _l("Swedish")
    en = _l("English")
