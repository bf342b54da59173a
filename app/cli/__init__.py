"""Command-line commands: ``flask bootstrap`` and ``flask demo``."""

import click
from flask import Flask, current_app


def register_commands(app: Flask) -> None:
    app.cli.add_command(bootstrap)
    app.cli.add_command(demo)


@click.command("bootstrap")
def bootstrap() -> None:
    """Create the roles and permissions (run after `flask db upgrade`)."""
    from app.security.bootstrap import bootstrap_security

    bootstrap_security(current_app.appbuilder)
    click.echo("Roles and permissions are in place.")


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
