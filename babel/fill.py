"""Fill translations into a catalogue from a JSON object of msgid → msgstr.

Used when a handful of new strings are translated by hand:
    .venv/bin/python babel/fill.py fi new-strings.json
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def main(language: str, translations_file: str) -> None:
    path = ROOT / "app" / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    translations = json.loads(Path(translations_file).read_text(encoding="utf-8"))
    for msgid, msgstr in translations.items():
        if msgid not in catalogue:
            sys.exit(f"{msgid!r} is not in the {language} catalogue")
        catalogue[msgid].string = msgstr
        catalogue[msgid].flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalogue, sort_output=True, no_location=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
