"""Which language a page is in. A choice made from the language menu wins; a
signed-in user's saved language comes next (the choice is saved for them);
then the browser's preferred language; Finnish last. Flask-AppBuilder's API
may still ask with ``?_l_=``."""

from flask import Flask, has_request_context, request, session
from flask_login import current_user

from app.extensions import db
from app.models.choices import Language

CHOSEN = "locale"


def supported() -> list[str]:
    return [language.name for language in Language]


def select_locale() -> str | None:
    if not has_request_context():
        return None  # commands and the scheduler: the default, Finnish
    asked = request.args.get("_l_")
    if asked in supported():
        return asked
    chosen = session.get(CHOSEN)
    if chosen in supported():
        return chosen
    saved = getattr(current_user, "language", None) if _signed_in() else None
    if saved is not None:
        return saved.name
    return request.accept_languages.best_match(supported()) or Language.fi.name


def _signed_in() -> bool:
    return bool(current_user and current_user.is_authenticated)


def init_language(app: Flask) -> None:
    app.extensions["babel"].locale_selector = select_locale

    @app.after_request
    def _save_the_choice(response):
        """A signed-in user who picks a language keeps it on every device."""
        if request.endpoint == "LocaleView.index" and _signed_in():
            chosen = session.get(CHOSEN)
            if chosen in supported() and current_user.language != Language[chosen]:
                current_user.language = Language[chosen]
                db.session.commit()
        return response
