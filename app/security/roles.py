"""The fixed roles of the back office, defined in code.

A role is a set of screens with the actions allowed on each. The definitions
become Flask-AppBuilder's built-in roles (``FAB_ROLES``): they are checked in
memory, cannot be edited in the UI, and need no permission rows to work. The
role rows themselves are created by ``flask bootstrap`` so that users can hold
them.
"""

from app.views.menu import (
    ADMINISTRATION,
    COORDINATION,
    MENU,
    PRODUCTION,
    SERVICE_MENU,
    STEERING,
)

COORDINATOR = "Coordinator"
PROVIDER = "Provider"
STEERING_GROUP = "Steering group"
CLIENT = "Client"
ADMIN = "Admin"

ROLE_NAMES = (COORDINATOR, PROVIDER, STEERING_GROUP, CLIENT, ADMIN)

READ = ("can_list", "can_show")
WRITE = READ + ("can_add", "can_edit", "can_delete")

# Every signed-in user may read and change their own profile and password.
OWN_ACCOUNT = {
    "UserDBModelView": ("can_userinfo",),
    "ResetMyPasswordView": ("can_this_form_get", "can_this_form_post"),
    "UserInfoEditView": ("can_this_form_get", "can_this_form_post"),
}


def _category(name: str):
    return next(category for category in MENU if category.name == name)


def _views(category_name: str, actions: tuple[str, ...]) -> dict:
    return {item.view.__name__: actions for item in _category(category_name).items}


def _only(view_names: tuple[str, ...], actions: tuple[str, ...]) -> dict:
    return dict.fromkeys(view_names, actions)


# Screen access by role. Until row-level rules arrive, the provider, client and
# steering group roles reach only screens that hold nothing confidential.
ROLE_SCREENS: dict[str, dict[str, tuple[str, ...]]] = {
    COORDINATOR: {
        **_views(COORDINATION, WRITE),
        **_views(PRODUCTION, WRITE),
        **_views(SERVICE_MENU, WRITE),
        **_views(STEERING, WRITE),
    },
    PROVIDER: {
        **_only(("ServiceEntityView", "ServiceThemeView", "FundingOptionView"), READ),
    },
    STEERING_GROUP: {
        **_views(STEERING, READ),
        **_only(
            (
                "ServiceEntityView",
                "ServiceThemeView",
                "FundingOptionView",
                "ProviderView",
            ),
            READ,
        ),
    },
    CLIENT: {
        **_only(("ServiceEntityView", "ServiceThemeView", "FundingOptionView"), READ),
    },
}


def _menu_entries(screens: dict[str, tuple[str, ...]]) -> list[str]:
    """The menu names a role needs to see the screens it may list."""
    names = []
    for category in MENU:
        items = [
            item.name
            for item in category.items
            if "can_list" in screens.get(item.view.__name__, ())
        ]
        if items:
            names.append(category.name)
            names.extend(items)
    return names


def _exact(names) -> str:
    return "^(" + "|".join(names) + ")$"


def fab_roles() -> dict[str, list[list[str]]]:
    """The roles in Flask-AppBuilder's ``FAB_ROLES`` form: pairs of a view name
    pattern and a permission pattern, anchored so that a name matches only
    itself."""
    roles = {}
    for role, screens in ROLE_SCREENS.items():
        grants = {**OWN_ACCOUNT, **screens}
        pairs = [[_exact([view]), _exact(actions)] for view, actions in grants.items()]
        menus = _menu_entries(screens)
        if menus:
            pairs.append([_exact(menus), "^menu_access$"])
        roles[role] = pairs
    return roles


__all__ = ["ADMINISTRATION", "ROLE_NAMES", "ROLE_SCREENS", "fab_roles"]
