"""A list page takes as many queries at a page of one row as at a page of
every row: what it shows comes with its rows (app/views/list_loading.py),
not one query per row."""

import re

import pytest
from sqlalchemy import event

from app.extensions import db
from app.views.base import OperatorModelView
from tests.conftest import login


def _list_views(app) -> list:
    return sorted(
        (
            view
            for view in app.appbuilder.baseviews
            if isinstance(view, OperatorModelView)
        ),
        key=lambda view: type(view).__name__,
    )


def _statements(app, client, url: str) -> tuple[int, str | None]:
    """Statements the page took, and the page (None when the user may not
    see the list)."""
    seen = []

    def count(*_args) -> None:
        seen.append(1)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        page = client.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen), page.text if page.status_code == 200 else None


def _rows_shown(page: str, route_base: str) -> int:
    """Rows on the page: the records it links to."""
    return len(set(re.findall(rf'"{re.escape(route_base)}/show/(\d+)"', page)))


@pytest.fixture(scope="module")
def coordinator(app):
    client = app.test_client()
    login(client, "coordinator")
    return client


def test_every_list_takes_the_same_queries_for_one_row_as_for_many(app, coordinator):
    compared, growing = [], []
    for view in _list_views(app):
        name = type(view).__name__
        url = f"{view.route_base}/list/"
        _statements(app, coordinator, f"{url}?psize_{name}=1")  # warm caches
        one, _ = _statements(app, coordinator, f"{url}?psize_{name}=1")
        many, page = _statements(app, coordinator, f"{url}?psize_{name}=100")
        rows = 0 if page is None else _rows_shown(page, view.route_base)
        if rows < 3:
            continue
        compared.append(name)
        if many != one:
            growing.append(f"{name}: {one} at one row, {many} at {rows}")
    assert len(compared) >= 10, compared
    assert growing == [], "\n".join(growing)
