"""The README's role table is the one the code enforces."""

from pathlib import Path

from app.security.roles import role_table

README = Path(__file__).resolve().parent.parent / "README.md"


def test_the_readme_shows_the_role_table_of_the_code():
    table = role_table()
    assert table in README.read_text(encoding="utf-8"), (
        "The README's role table differs from app/security/roles.py; replace it "
        "with:\n" + table
    )
