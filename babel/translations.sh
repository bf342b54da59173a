#!/usr/bin/env bash
# Extract, update and compile the message catalogues in one step.
#
#   babel/translations.sh               extract, update every catalogue, compile
#   babel/translations.sh extract FILE  only extract the template into FILE
#
# Strings come from our package and from Flask-AppBuilder's, which ships no
# Finnish or Swedish: extracting both into one template keeps FAB's strings in
# our catalogues. pybabel is called directly; `flask fab babel-extract` runs
# extraction and update in parallel and marks FAB's strings obsolete.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-.venv/bin/python}
LANGUAGES=${LANGUAGES:-fi sv en}
BABEL="$PYTHON -m babel.messages.frontend"

extract() {
    local fab_dir
    fab_dir=$("$PYTHON" -c 'import flask_appbuilder, os; print(os.path.dirname(flask_appbuilder.__file__))')
    $BABEL extract --no-location --sort-output --omit-header \
        -F babel/babel.cfg -k _l -k lazy_gettext -k __ \
        -o "$1" app "$fab_dir"
}

if [ "${1:-}" = "extract" ]; then
    extract "$2"
    exit 0
fi

extract babel/messages.pot
for language in $LANGUAGES; do
    if [ -f "app/translations/$language/LC_MESSAGES/messages.po" ]; then
        $BABEL update --no-fuzzy-matching --ignore-obsolete \
            -i babel/messages.pot -d app/translations -l "$language"
    else
        $BABEL init -i babel/messages.pot -d app/translations -l "$language"
    fi
done
$BABEL compile -d app/translations --statistics
