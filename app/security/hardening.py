"""Protections around every request: CSRF tokens, security headers with a
Content Security Policy, login throttling, no caching of pages, and error pages
that show no internals.
"""

from flask import Flask, abort, current_app, render_template, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

# What an error page says: the status in words and what the user can do.
ERROR_MESSAGES = {
    400: _l("The request could not be understood. Go back and try again."),
    403: _l("You do not have access to this page or record."),
    404: _l("The page or record was not found. It may have been removed."),
    405: _l("This address does not accept that kind of request."),
    409: _l(
        "The record was not saved because it conflicts with another record. Go "
        "back, check the fields that must be unique, and save again."
    ),
    413: _l("What was sent is too large: send less at a time."),
    429: _l("Too many attempts. Wait a moment and try again."),
    500: _l(
        "Something went wrong on our side. Your change was not saved; try "
        "again, and if the problem continues, contact the coordinator."
    ),
}

# Scripts only from this site or inline with the page's nonce; Flask-AppBuilder's
# markup uses style attributes, so inline styles are allowed, scripts are not.
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def init_before_appbuilder(app: Flask) -> None:
    """What must be in place before Flask-AppBuilder registers its views:
    CSRF protection (FAB exempts its token-based APIs from it at registration)
    and the security headers."""
    csrf.init_app(app)
    production = bool(app.config.get("PRODUCTION"))
    Talisman(
        app,
        force_https=production,
        strict_transport_security=production,
        session_cookie_secure=production,
        session_cookie_http_only=True,
        content_security_policy=CONTENT_SECURITY_POLICY,
        content_security_policy_nonce_in=["script-src"],
        referrer_policy="same-origin",
        frame_options="DENY",
    )
    app.before_request(_refuse_oversized_bodies)
    app.after_request(_no_caching_of_pages)
    for status in (400, 403, 404, 405, 409, 413, 429, 500):
        app.register_error_handler(status, _error_page)


def limit_api_login(appbuilder) -> None:
    """Throttle the API's token login like the login form; FAB limits only the
    form. Counts live in the limiter's storage (RATELIMIT_STORAGE_URI), shared by
    every process that uses the same store."""
    security = appbuilder.sm
    if not security.is_auth_limited:
        return
    api = next(
        view
        for view in appbuilder.baseviews
        if type(view).__name__ == security.security_api.__name__
    )
    security.limiter.limit(security.auth_rate_limit, methods=["POST"])(api.blueprint)


def _refuse_oversized_bodies():
    """A body over MAX_CONTENT_LENGTH is refused before any view reads it
    (Flask would refuse it only when read, inside views that turn every error
    into a 500)."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    if limit and (request.content_length or 0) > limit:
        abort(413)


def _no_caching_of_pages(response):
    """Pages may hold personal data and the login form: no cache keeps them."""
    if response.mimetype == "text/html" or request.path.startswith("/api/"):
        response.headers["Cache-Control"] = "no-store"
    return response


def _error_page(error):
    return error_response(getattr(error, "code", 500) or 500)


def error_response(status: int):
    """The error page, or a JSON message for the API, for an HTTP status."""
    if request.path.startswith("/api/"):
        return {"message": _error_message(status)}, status
    page = render_template(
        "operator/error.html",
        status=status,
        lang=str(get_locale() or "fi"),
        error_messages=ERROR_MESSAGES,
    )
    return page, status


def _error_message(status: int) -> str:
    return str(ERROR_MESSAGES.get(status, ERROR_MESSAGES[500]))
