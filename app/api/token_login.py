"""The API's token login (Flask-AppBuilder's ``/api/v1/security/login``),
guarded: FAB answers a body without ``provider`` and some odd usernames with a
500. Here the body is checked first and refused with a 400 that says what to
send."""

from flask import Flask, jsonify, request
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from app.api.fields import storable

LONGEST_CREDENTIAL = 256
LOGIN_HELP = _l(
    'Send a JSON object: {"username": "...", "password": "...", "provider": "db"}.'
)


def guard_token_login(app: Flask, appbuilder) -> None:
    login_endpoint = f"{appbuilder.sm.security_api.__name__}.login"

    @app.before_request
    def _check_login_body():
        if request.endpoint != login_endpoint:
            return None
        body = request.get_json(silent=True) if request.is_json else None
        if _well_formed(body):
            return None
        return jsonify(message=str(LOGIN_HELP)), 400


def _well_formed(body) -> bool:
    if not isinstance(body, dict) or body.get("provider") != "db":
        return False
    return all(_credential(body.get(key)) for key in ("username", "password"))


def _credential(value) -> bool:
    if not isinstance(value, str) or not 0 < len(value) <= LONGEST_CREDENTIAL:
        return False
    try:
        storable(value)
    except ValidationError:
        return False
    return True
