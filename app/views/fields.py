"""A correction to one of Flask-AppBuilder's form fields.

FAB's select field for enum columns raises ValueError for a value outside its
choices; WTForms 3.2 catches only ValidationError there, so a tampered post
became a server error instead of a form error. The corrected field is put in
FAB's form converter once, when this module is imported.
"""

import flask_appbuilder.forms
from flask_appbuilder.fields import EnumField
from wtforms import ValidationError


class ChoiceField(EnumField):
    """FAB's enum select field, reporting an unknown value as a form error."""

    def pre_validate(self, form) -> None:
        try:
            super().pre_validate(form)
        except ValueError as error:
            raise ValidationError(str(error)) from error


flask_appbuilder.forms.EnumField = ChoiceField
