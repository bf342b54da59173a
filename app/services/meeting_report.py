"""The printable report of a steering group meeting (the reporting model): the
meeting, its agenda and decisions, where the standing themes stand, and the
result metrics of the year so far beside their targets."""

import io
from datetime import date
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.extensions import db
from app.models import Decision, StandingTheme, SteeringMeeting
from app.services.metrics.period import Period
from app.services.metrics.tables import TABLES, FigureTable
from app.services.pdf_fonts import BOLD, REGULAR
from app.views.formatting import (
    euros,
    format_date,
    format_number,
    format_share,
    format_wall_clock,
)

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12)
HEADING = ParagraphStyle("heading", fontName=BOLD, fontSize=13, leading=17)
TITLE = ParagraphStyle("title", fontName=BOLD, fontSize=18, leading=22)
GRID = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
        ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.3, "#999999"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _text(value) -> Paragraph:
    return Paragraph(escape(str(value or "")).replace("\n", "<br/>"), BODY)


def _table(header: list, rows: list[list], widths=None) -> Table:
    table = Table(
        [[_text(h) for h in header]] + [[_text(c) for c in row] for row in rows],
        colWidths=widths,
        repeatRows=1,
    )
    table.setStyle(GRID)
    return table


def _figures(table: FigureTable) -> Table:
    writers = {"money": euros, "share": format_share, "number": format_number}
    rows = [
        [
            "–" if value is None else writers.get(kind, str)(value)
            for value, (_label, kind) in zip(row, table.columns, strict=True)
        ]
        for row in table.rows
    ]
    return _table([label for label, _kind in table.columns], rows)


def render(meeting: SteeringMeeting) -> bytes:
    story = [
        Paragraph(escape(meeting.title), TITLE),
        _text(
            f"{format_wall_clock(meeting.starts_at)}"
            + (f", {meeting.place}" if meeting.place else "")
        ),
        Spacer(1, 4 * mm),
    ]

    def section(title, *flowables):
        story.extend([Paragraph(escape(title), HEADING), *flowables])
        story.append(Spacer(1, 4 * mm))

    if meeting.attendees:
        section(_("Attendees"), _text(meeting.attendees))
    section(
        _("Agenda"),
        _table(
            [_("No."), _("Item"), _("Theme"), _("Notes")],
            [
                [item.position, item.title, item.theme or "", item.notes]
                for item in meeting.agenda_items
            ],
            widths=[12 * mm, 55 * mm, 40 * mm, 63 * mm],
        ),
    )
    decisions = db.session.scalars(
        db.select(Decision)
        .where(Decision.meeting_id == meeting.id)
        .order_by(Decision.due_on)
    ).all()
    section(
        _("Decisions"),
        _table(
            [_("Decision"), _("Owner"), _("Due"), _("Status")],
            [[d.text, d.owner, format_date(d.due_on), d.status] for d in decisions],
            widths=[85 * mm, 35 * mm, 22 * mm, 28 * mm],
        ),
    )
    if meeting.minutes:
        section(_("Minutes"), _text(meeting.minutes))
    themes = db.session.scalars(db.select(StandingTheme)).all()
    section(
        _("Standing themes"),
        _table(
            [_("Theme"), _("Status"), _("Next step"), _("Owner")],
            [[t.theme, t.status, t.next_step, t.owner] for t in themes],
            widths=[50 * mm, 28 * mm, 62 * mm, 30 * mm],
        ),
    )
    period = Period(date(meeting.starts_at.year, 1, 1), meeting.starts_at.date())
    for key in ("targets", "funnel"):
        figures = TABLES[key](period)
        span = f"{format_date(period.start)}–{format_date(period.end)}"
        section(f"{figures.title} {span}", _figures(figures))
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=meeting.title,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    ).build(story)
    return buffer.getvalue()
