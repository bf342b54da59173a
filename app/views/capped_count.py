"""Lists of very many rows that count only so far: the page says "more than
10 000" instead of reading a million rows to tell their exact number."""

from flask_babel import format_decimal, gettext
from markupsafe import escape

from app.security.interface import ScopedInterface


class CountAbove(int):
    """A row count known only to exceed its value. It pages as its value
    (Flask-AppBuilder's pagination does arithmetic with it) and reads as
    "more than N" where a template prints it."""

    def __html__(self) -> str:
        return str(escape(gettext("more than %(count)s", count=format_decimal(self))))


class CappedCountInterface(ScopedInterface):
    """A data interface whose list count stops after ``count_limit`` rows.

    The rows of a page come by the list's order and index as before; only the
    count is bounded, so the pages offered reach ``count_limit`` rows and the
    rest are found with the search filters.
    """

    count_limit = 10_000

    def query_count(self, query, filters=None, select_columns=None) -> int:
        # The filtered query as Flask-AppBuilder's own count builds it.
        rows = self._apply_inner_all(
            query, filters, select_columns=select_columns, aliases_mapping={}
        )
        count = rows.limit(self.count_limit + 1).count()
        return count if count <= self.count_limit else CountAbove(self.count_limit)
