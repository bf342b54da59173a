"""Creating the roles and permissions after the schema exists.

Run once per deployment, after ``flask db upgrade`` and before the web workers
start; running it again changes nothing.
"""

import logging

from flask_appbuilder import AppBuilder

from app.security.roles import ROLE_NAMES

logger = logging.getLogger(__name__)


def bootstrap_security(appbuilder: AppBuilder) -> None:
    """Create the fixed roles, the public role, and the permission rows of every
    screen; the administrator's role receives every permission."""
    security = appbuilder.sm
    for name in ROLE_NAMES:
        security.add_role(name)
    security.add_role(security.auth_role_public)
    appbuilder.add_permissions(update_perms=True)
    logger.info("Roles and permissions are in place: %s", ", ".join(ROLE_NAMES))
