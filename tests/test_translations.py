"""The catalogues are complete: every string of our code and of
Flask-AppBuilder's screens has a translation, none of them fuzzy."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
# Finnish and Swedish must be complete; English reads the message ids, but its
# catalogue must hold every message too, ready for wording of its own.
LANGUAGES = ["fi", "sv"]
ALL_LANGUAGES = [*LANGUAGES, "en"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[0-9]*\}|\{\{[^}]*\}\}")


def _catalogue(language: str):
    path = ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[str]:
    template = tmp_path_factory.mktemp("babel") / "messages.pot"
    subprocess.run(
        ["bash", str(ROOT / "babel" / "translations.sh"), "extract", str(template)],
        check=True,
        capture_output=True,
        env={"PYTHON": sys.executable, "PATH": "/usr/bin:/bin"},
    )
    with template.open("rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_is_untranslated_or_fuzzy(language):
    unfinished = [
        message.id
        for message in _catalogue(language)
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert unfinished == []


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_every_string_in_the_code_is_in_the_catalogue(language, extracted):
    in_catalogue = {message.id for message in _catalogue(language) if message.id}
    missing = sorted(str(msgid) for msgid in extracted - in_catalogue)
    assert missing == [], "run `make translations` and translate the new strings"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders(language):
    broken = [
        message.id
        for message in _catalogue(language)
        if message.id
        and isinstance(message.string, str)
        and sorted(PLACEHOLDER.findall(message.id))
        != sorted(PLACEHOLDER.findall(message.string))
    ]
    assert broken == []
