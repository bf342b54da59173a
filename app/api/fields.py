"""The field types of the API's schemas, with the limits of the columns behind
them, so that input the database would refuse is refused first with a message
that says what to fix."""

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate
from sqlalchemy import select

from app.extensions import db
from app.models.choices import Choice
from app.security.row_rules import read_condition
from app.security.viewer import Viewer

# Ids are INTEGER columns: anything outside them names no record.
LARGEST_ID = 2**31 - 1
LARGEST_AMOUNT = Decimal("9999999999.99")


def storable(value: str) -> None:
    """Text the databases can keep: no NUL character (PostgreSQL refuses it)
    and no lone surrogate, which no UTF-8 text holds."""
    if "\x00" in value:
        raise ValidationError(str(_l("Remove the NUL character from the text.")))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(str(_l("The text is not valid Unicode."))) from None


def text(column, **options) -> fields.String:
    """Text for a column, no longer than the column holds."""
    length = getattr(column.type, "length", None)
    checks = [storable]
    if length:
        checks.append(
            validate.Length(
                max=length, error=_l("Write at most {max} characters here.")
            )
        )
    if options.get("required"):
        checks.append(
            validate.Length(min=1, error=_l("This field cannot be empty: fill it in."))
        )
    return fields.String(validate=checks, **options)


def identifier(**options) -> fields.Integer:
    """The id of a related record."""
    return fields.Integer(
        strict=True,
        validate=validate.Range(
            min=1, max=LARGEST_ID, error=_l("Give the id of an existing record.")
        ),
        **options,
    )


def decimal(lowest: Decimal, highest: Decimal, message, **options) -> fields.Decimal:
    """A decimal number with two decimals, given as a number or a numeric
    string and shown as a string, so that no cent is lost to floating point.
    The range is checked by a function, not a Range validator, which would
    put numeric bounds on a string in the OpenAPI description."""

    def within(value: Decimal) -> None:
        if not lowest <= value <= highest:
            raise ValidationError(str(message).format(min=lowest, max=highest))

    metadata = {"type": "string", "format": "decimal", "example": "1250.00"}
    return fields.Decimal(
        places=2,
        as_string=True,
        allow_nan=False,
        validate=within,
        metadata=metadata,
        **options,
    )


def amount(**options) -> fields.Decimal:
    """Euros with cents."""
    message = _l("Give an amount between {min} and {max} euros.")
    return decimal(Decimal(0), LARGEST_AMOUNT, message, **options)


def percent(**options) -> fields.Decimal:
    message = _l("Give a percentage between {min} and {max}.")
    return decimal(Decimal(0), Decimal(100), message, **options)


class Code(fields.String):
    """A choice list's member, given and shown by its code."""

    def __init__(self, choice: type[Choice], **options) -> None:
        self.choice = choice
        codes = [member.name for member in choice]
        super().__init__(metadata={"enum": codes}, **options)

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.name

    def _deserialize(self, value, attr, data, **kwargs):
        code = super()._deserialize(value, attr, data, **kwargs)
        try:
            return self.choice[code]
        except KeyError:
            codes = ", ".join(member.name for member in self.choice)
            raise ValidationError(
                str(_l("Choose one of: %(codes)s.", codes=codes))
            ) from None


class VisibleIds(fields.Field):
    """The ids of related records, only those the caller may read."""

    def __init__(self, model, **options) -> None:
        self.model = model
        metadata = {"type": "array", "items": {"type": "integer"}}
        super().__init__(dump_only=True, metadata=metadata, **options)

    def _serialize(self, value, attr, obj, **kwargs):
        ids = [item.id for item in value or ()]
        if not ids:
            return []
        condition = read_condition(self.model, Viewer.current())
        found = db.session.scalars(
            select(self.model.id).where(self.model.id.in_(ids), condition)
        )
        return sorted(found)
