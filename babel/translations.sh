#!/usr/bin/env bash
# Extract, update and compile the message catalogues in one step.
#
# Strings come from our package and from Flask-AppBuilder's, which ships no
# Finnish or Swedish: extracting both into one template keeps FAB's strings in
# our catalogues. pybabel is called directly; `flask fab babel-extract` runs
# extraction and update in parallel and marks FAB's strings obsolete.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
FAB_DIR=$("$PYTHON" -c 'import flask_appbuilder, os; print(os.path.dirname(flask_appbuilder.__file__))')
LANGUAGES=${LANGUAGES:-fi}

"$PYTHON" -m babel.messages.frontend extract --no-location --sort-output \
    -F babel/babel.cfg -k _l -k lazy_gettext -k __ \
    --project=koulutusoperaattori -o babel/messages.pot app "$FAB_DIR"

for language in $LANGUAGES; do
    catalogue=app/translations/$language/LC_MESSAGES/messages.po
    if [ -f "$catalogue" ]; then
        "$PYTHON" -m babel.messages.frontend update --no-fuzzy-matching \
            --ignore-obsolete -i babel/messages.pot -d app/translations -l "$language"
    else
        "$PYTHON" -m babel.messages.frontend init \
            -i babel/messages.pot -d app/translations -l "$language"
    fi
done

"$PYTHON" -m babel.messages.frontend compile -d app/translations --statistics
