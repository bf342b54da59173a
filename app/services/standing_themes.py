"""The steering group's standing themes: one row for each theme of the list,
made by `flask bootstrap`, so that the group can follow where each stands."""

from app.extensions import db
from app.models import StandingTheme, SteeringTheme


def ensure_standing_themes() -> int:
    """Create the rows of the themes that have none; returns how many."""
    existing = set(db.session.scalars(db.select(StandingTheme.theme)))
    missing = [theme for theme in SteeringTheme if theme not in existing]
    db.session.add_all(StandingTheme(theme=theme) for theme in missing)
    db.session.commit()
    return len(missing)
