"""The security manager: users belong to organisations, their screens follow the
row rules, and every sign-in, failed sign-in and sign-out is audited."""

from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.views import (
    PermissionModelView,
    PermissionViewModelView,
    RoleModelView,
    UserDBModelView,
    UserGroupModelView,
    ViewMenuModelView,
)
from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired

from app.models import OperatorUser
from app.security import audit
from app.security.actions import ActionGuard
from app.security.interface import ScopedInterface
from app.views.responses import InvalidFormStatus


class OperatorUserView(ActionGuard, InvalidFormStatus, UserDBModelView):
    """Accounts, each tied to the organisation it acts for."""

    label_columns = {
        **UserDBModelView.label_columns,
        "organisation": _l("Organisation"),
    }
    description_columns = {
        **UserDBModelView.description_columns,
        "organisation": _l("The organisation whose records the user sees."),
    }
    validators_columns = {
        **UserDBModelView.validators_columns,
        "organisation": [DataRequired()],
    }
    list_columns = ["first_name", "last_name", "username", "organisation", "roles"]
    edit_columns = [
        "first_name",
        "last_name",
        "username",
        "active",
        "email",
        "organisation",
        "roles",
        "groups",
    ]
    add_columns = edit_columns + ["password", "conf_password"]
    show_fieldsets = [
        (
            _l("User info"),
            {"fields": ["username", "active", "organisation", "roles", "login_count"]},
        ),
        (
            _l("Personal Info"),
            {"fields": ["first_name", "last_name", "email"], "expanded": True},
        ),
        (
            _l("Audit Info"),
            {"fields": ["last_login", "fail_login_count", "created_on", "changed_on"]},
        ),
    ]


def _guarded(view: type) -> type:
    """The same security screen, its actions guarded; the class keeps its name,
    which is the name its permissions are stored under."""
    return type(view.__name__, (ActionGuard, view), {})


class OperatorSecurityManager(SecurityManager):
    """Flask-AppBuilder's security manager with the operator's user model."""

    user_model = OperatorUser
    userdbmodelview = OperatorUserView
    rolemodelview = _guarded(RoleModelView)
    groupmodelview = _guarded(UserGroupModelView)
    permissionmodelview = _guarded(PermissionModelView)
    viewmenumodelview = _guarded(ViewMenuModelView)
    permissionviewmodelview = _guarded(PermissionViewModelView)
    # FAB's user statistics page loads Google Charts from the internet.
    userstatschartview = None

    def __init__(self, appbuilder) -> None:
        super().__init__(appbuilder)
        self.userdbmodelview.datamodel = ScopedInterface(self.user_model)

    def auth_user_db(self, username, password):
        user = super().auth_user_db(username, password)
        if user is None:
            audit.record_sign_in_failure(username)
        else:
            audit.record_sign_in(user)
        return user
