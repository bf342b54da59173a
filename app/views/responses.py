"""Status codes that tell what happened to a posted form.

Flask-AppBuilder answers every form post with 200 or a redirect. A form shown
again with errors answers 422, a write refused by the row rules answers 403 and
one refused by the database (a duplicate) 409; their messages wait on the next
page. Clients and tests can so tell refusals from successes.
"""

from flask import Flask, g, make_response, request

from app.security.hardening import error_response


class InvalidFormStatus:
    """Mixin for model views: note a posted form shown again with errors."""

    def _add(self):
        return _note_invalid_post(super()._add())

    def _edit(self, pk):
        return _note_invalid_post(super()._edit(pk))


def _note_invalid_post(result):
    # FAB returns the form's widgets when it shows a posted form again, and
    # None when it saved and redirects.
    if request.method == "POST" and result is not None:
        g.form_invalid = True
    return result


def register_response_statuses(app: Flask) -> None:
    @app.after_request
    def _status_of_refused_writes(response):
        if g.get("write_refused"):
            return make_response(error_response(403))
        if g.get("write_conflict"):
            return make_response(error_response(409))
        if g.get("form_invalid") and response.status_code == 200:
            response.status_code = 422
        return response
