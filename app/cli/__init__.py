"""Command-line commands: ``flask bootstrap``, ``flask demo``, ``flask scheduler``
and ``flask backup``."""

import click
from flask import Flask, current_app

from app.cli.backup import backup


def register_commands(app: Flask) -> None:
    app.cli.add_command(bootstrap)
    app.cli.add_command(demo)
    app.cli.add_command(scheduler)
    app.cli.add_command(backup)


@click.command("bootstrap")
def bootstrap() -> None:
    """Create the roles and permissions (run after `flask db upgrade`). Safe to
    run again, also from several hosts at once: they take turns."""
    from app.cli.deployment_lock import deployment_lock
    from app.extensions import db
    from app.security.bootstrap import bootstrap_security
    from app.services.reminders.defaults import ensure_default_rules
    from app.services.standing_themes import ensure_standing_themes

    with deployment_lock(db.engine):
        bootstrap_security(current_app.appbuilder)
        ensure_default_rules()
        ensure_standing_themes()
    click.echo("Roles, permissions, reminder rules and standing themes are in place.")


@click.group("demo")
def demo() -> None:
    """The demo data set."""


@demo.command("load")
def load_demo() -> None:
    """Load the Finnish demo data and the demo logins, once."""
    from app.demo.loader import load_demo_data

    if load_demo_data(current_app.appbuilder):
        click.echo("Demo data loaded.")
    else:
        click.echo("Demo data is already loaded; nothing changed.")


@click.group("scheduler")
def scheduler() -> None:
    """The reminder scheduler."""


@scheduler.command("run")
def run_scheduler_command() -> None:
    """Run the scheduler process (one per deployment)."""
    import logging

    from app.scheduling.scheduler import run_scheduler

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    run_scheduler(current_app._get_current_object())


@scheduler.command("tick")
def tick_command() -> None:
    """Run one tick now: queue due reminders and send waiting mail."""
    from app.services.reminders.tick import tick

    queued, sent = tick()
    click.echo(f"{queued} reminders queued, {sent} messages sent.")
