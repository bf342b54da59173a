"""The start page: what the signed-in user's role is for, and where to begin."""

from flask import g
from flask_appbuilder import IndexView, expose
from flask_babel import lazy_gettext as _l

from app.security.roles import ADMIN, CLIENT, COORDINATOR, PROVIDER, STEERING_GROUP

ROLE_WELCOMES = {
    COORDINATOR: (
        _l("Coordinator's desk"),
        _l(
            "Find companies that need training, map their needs, write requests "
            "for quotation and send them to the provider pool."
        ),
    ),
    PROVIDER: (
        _l("Training provider's desk"),
        _l(
            "Answer requests for quotation, plan and deliver the training, collect "
            "feedback and report."
        ),
    ),
    STEERING_GROUP: (
        _l("Steering group's desk"),
        _l("Follow the results of the operation, meet and decide on its development."),
    ),
    CLIENT: (
        _l("Client's desk"),
        _l("Follow your company's training from the needs to the closing report."),
    ),
    ADMIN: (
        _l("Administration"),
        _l("Manage users, organisations and the settings of the service."),
    ),
}


class HomeView(IndexView):
    """The start page, written for the role of the signed-in user."""

    index_template = "operator/home.html"

    @expose("/")
    def index(self):
        self.update_redirect()
        return self.render_template(
            self.index_template, appbuilder=self.appbuilder, welcomes=self._welcomes()
        )

    @staticmethod
    def _welcomes() -> list[tuple[str, str]]:
        user = getattr(g, "user", None)
        if user is None or not user.is_authenticated:
            return []
        return [
            ROLE_WELCOMES[role.name]
            for role in user.roles
            if role.name in ROLE_WELCOMES
        ]
