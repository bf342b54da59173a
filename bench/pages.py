"""List pages: our view, a plain Flask-AppBuilder view over the same model and
columns, and the raw SQL that fetches the same rows and count, at 25 and 100
rows a page, signed in as the coordinator (who sees every row of these
models but the sealed offers)."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask

from app.extensions import db
from app.services.clock import local_now
from bench.application import COMPARED, default_view_name
from bench.measure import StatementCounter, Timings, signed_in_client

logger = logging.getLogger(__name__)

PAGE_SIZES = (25, 100)
WARM_UP = 1
# A slow page is fetched fewer times: after this many seconds of it and at
# least MIN_REPEATS fetches, its figures are taken as they stand.
SECONDS_PER_PAGE = 20.0
MIN_REPEATS = 3

# The raw SQL of each list: the count, then the page's rows with what the
# columns show (related names joined in), in the view's order.
RAW_SQL = {
    "LeadView": [
        "SELECT count(*) FROM lead",
        """SELECT l.id, o.name, l.source, l.status, u.first_name, u.last_name,
                  l.next_follow_up_on
           FROM lead l JOIN organisation o ON o.id = l.company_id
           LEFT JOIN ab_user u ON u.id = l.owner_id
           ORDER BY l.next_follow_up_on, l.id LIMIT :rows""",
    ],
    "OfferView": [
        """SELECT count(*) FROM offer f
           JOIN request_for_quotation r ON r.id = f.request_id
           WHERE r.offer_deadline <= :now""",
        """SELECT f.id, r.reference, r.title, p.name, f.price, f.vat_rate,
                  f.version, f.status, f.submitted_on
           FROM offer f JOIN request_for_quotation r ON r.id = f.request_id
           JOIN organisation p ON p.id = f.lead_provider_id
           WHERE r.offer_deadline <= :now
           ORDER BY f.submitted_on DESC, f.id LIMIT :rows""",
    ],
    "RequestForQuotationView": [
        "SELECT count(*) FROM request_for_quotation",
        """SELECT r.id, r.reference, r.title, r.offer_deadline, r.status
           FROM request_for_quotation r
           ORDER BY r.offer_deadline DESC, r.id LIMIT :rows""",
        # then the client companies of the page's requests
    ],
    "AuditEventView": [
        "SELECT count(*) FROM audit_event a WHERE {visible}",
        """SELECT a.id, a.occurred_on, a.action, a.username, a.record_type,
                  a.record_id, a.record_label
           FROM audit_event a WHERE {visible}
           ORDER BY a.occurred_on DESC, a.id LIMIT :rows""",
    ],
}

# The audit events the coordinator may read: none of a still-sealed offer.
AUDIT_VISIBLE = """(a.record_type IS NULL
    OR a.record_type NOT IN ('Offer', 'ConsortiumMember', 'OfferSecret')
    OR (a.record_type = 'Offer' AND a.record_id IN (
        SELECT f.id FROM offer f JOIN request_for_quotation r ON r.id = f.request_id
        WHERE r.offer_deadline <= :now)))"""

# A request's client companies, for the requests of one page.
REQUEST_COMPANIES = """SELECT rc.request_id, o.name
    FROM request_client_company rc JOIN organisation o ON o.id = rc.company_id
    WHERE rc.request_id IN ({ids})"""


@dataclass
class PageFigures:
    median_ms: float
    p95_ms: float
    queries: int


@dataclass
class PageResult:
    """One list at one page size: ours, the default view's and the raw SQL."""

    view: str
    rows: int
    ours: PageFigures
    default: PageFigures
    raw: PageFigures


def raw_page(engine: sa.Engine, view_name: str, rows: int) -> Callable[[], int]:
    """The raw SQL of a list page as a function returning its statement count."""

    def run() -> int:
        parameters = {"rows": rows, "now": local_now()}
        statements = RAW_SQL[view_name]
        with engine.connect() as connection:
            connection.execute(
                sa.text(statements[0].format(visible=AUDIT_VISIBLE)), parameters
            ).scalar()
            if view_name == "RequestForQuotationView":
                return 1 + _request_page(connection, parameters)
            page = sa.text(statements[1].format(visible=AUDIT_VISIBLE))
            connection.execute(page, parameters).all()
        return len(statements)

    return run


def _request_page(connection, parameters) -> int:
    page_sql = RAW_SQL["RequestForQuotationView"][1]
    page = connection.execute(sa.text(page_sql), parameters).all()
    ids = ", ".join(str(row.id) for row in page) or "NULL"
    connection.execute(sa.text(REQUEST_COMPANIES.format(ids=ids))).all()
    return 2


def list_url(view_name: str, rows: int) -> str:
    return f"/{view_name.lower()}/list/?psize_{view_name}={rows}"


def measure_pages(app: Flask, repeats: int) -> list[PageResult]:
    """Every compared list at every page size, the three ways interleaved so
    that the machine's other work falls on all of them alike."""
    results = []
    # Each request must run in an app context of its own, as in a server: an
    # outer one would keep one session, and its identity map, for them all.
    with app.app_context():
        engine = db.engine
    counter = StatementCounter(engine)
    client = signed_in_client(app)
    for view_name in COMPARED:
        for rows in PAGE_SIZES:
            raw = raw_page(engine, view_name, rows)
            results.append(_measure_one(client, counter, raw, view_name, rows, repeats))
            logger.info("Measured %s at %s rows", view_name, rows)
    return results


def _measure_one(client, counter, raw, view_name, rows, repeats) -> PageResult:
    ours_url = list_url(view_name, rows)
    default_url = list_url(default_view_name(view_name), rows)
    fetches = {
        "ours": lambda: _get(client, ours_url),
        "default": lambda: _get(client, default_url),
        "raw": raw,
    }
    for fetch in fetches.values():
        for _ in range(WARM_UP):
            fetch()
    timings = {name: Timings() for name in fetches}
    queries = {}
    for _ in range(repeats):
        for name, fetch in fetches.items():
            spent = timings[name].seconds
            if len(spent) >= MIN_REPEATS and sum(spent) > SECONDS_PER_PAGE:
                continue
            # The first timed fetch also counts the statements.
            with counter.counting():
                timings[name].time(fetch)
            queries.setdefault(name, counter.count)
    figures = {
        name: PageFigures(timings[name].median_ms, timings[name].p95_ms, queries[name])
        for name in fetches
    }
    return PageResult(view_name, rows, **figures)


def _get(client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
