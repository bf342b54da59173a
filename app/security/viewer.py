"""Who is looking: the signed-in user's roles and organisation, as the row
rules need them."""

from dataclasses import dataclass

from flask import g, has_request_context


@dataclass(frozen=True)
class Viewer:
    """The roles and organisation of the user a query is made for."""

    roles: frozenset[str]
    organisation_id: int | None
    user_id: int | None = None

    @classmethod
    def current(cls) -> "Viewer":
        """The user of the current request; outside a request (commands,
        scheduled jobs) the system, which sees everything."""
        if not has_request_context():
            return SYSTEM
        user = getattr(g, "user", None)
        if user is None or not getattr(user, "is_authenticated", False):
            return ANONYMOUS
        return cls(
            roles=frozenset(role.name for role in user.roles),
            organisation_id=getattr(user, "organisation_id", None),
            user_id=user.id,
        )

    @property
    def is_system(self) -> bool:
        return self is SYSTEM


SYSTEM = Viewer(roles=frozenset({"System"}), organisation_id=None)
ANONYMOUS = Viewer(roles=frozenset(), organisation_id=None)
