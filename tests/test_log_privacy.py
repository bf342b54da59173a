"""No personal data in the logs: addresses and phone numbers are cleaned from
every record the process logs, whoever logs it, exceptions included; request
lines lose their query strings; database refusals name the constraint, not
the row."""

import logging
import uuid

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.mail.outbox import deliver_pending, queue_message
from app.models import Organisation, OrganisationKind
from app.models.choices import Language
from app.security.log_privacy import database_refusal, redact
from tests.smtp import Inbox

ADDRESS = "nobody.virtanen@example.com"


@pytest.mark.parametrize(
    "written",
    [
        "040 765 4321",
        "0407654321",
        "+358 40 765 4321",
        "+358407654321",
        "09-123 4567",
        "mailto:" + ADDRESS,
        ADDRESS.upper(),
        "nobody.virtanen%40example.com",
    ],
)
def test_a_logged_address_or_phone_number_is_cleaned(app, caplog, written):
    with caplog.at_level(logging.INFO):
        logging.getLogger("anything").info("Contact: %s.", written)
    (record,) = caplog.records
    assert written not in record.getMessage()
    assert "[email]" in record.getMessage() or "[phone]" in record.getMessage()


@pytest.mark.parametrize(
    "kept",
    [
        "Tick for 2026-12-03 queued 12 messages",
        "Offer 1234567 submitted to request 89",
        "Sent at 21:38:36 to 127.0.0.1:8080",
        "Invoice 25.5 % VAT, 03.12.2026",
    ],
)
def test_ids_dates_and_times_stay_readable(kept):
    assert redact(kept) == kept


def test_exceptions_are_cleaned_too(app, caplog):
    with caplog.at_level(logging.INFO):
        try:
            raise ValueError(f"refused {ADDRESS}")
        except ValueError:
            logging.getLogger("anything").exception("It failed")
    assert ADDRESS not in caplog.text
    assert "refused [email]" in caplog.text


def test_request_lines_lose_their_query_string(app, caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("werkzeug").info(
            '127.0.0.1 - - "GET /contactpersonview/list/?_flt_2_last_name=Virtanen '
            'HTTP/1.1" 200 -'
        )
    assert "Virtanen" not in caplog.text
    assert "/contactpersonview/list/?[…]" in caplog.text


class RefusingEveryone(Inbox):
    async def handle_RCPT(self, server, session, envelope, address, options):  # noqa: N802
        return f"550 5.1.1 <{address}>: no such user"


def test_a_refused_recipient_is_not_logged(app, sending, caplog):
    controller = Controller(RefusingEveryone(), hostname="127.0.0.1", port=sending)
    controller.start()
    try:
        with app.app_context():
            queue_message(
                key=f"test:{uuid.uuid4()}",
                recipient=ADDRESS,
                language=Language.fi,
                subject="Testi",
                body="Hei",
            )
            db.session.commit()
            with caplog.at_level(logging.INFO):
                deliver_pending()
    finally:
        controller.stop()
    assert "failed for good" in caplog.text
    assert ADDRESS not in caplog.text.lower()


def test_a_database_refusal_names_the_constraint_not_the_row(app_context):
    taken = db.session.scalar(db.select(Organisation.business_id))
    db.session.add(
        Organisation(
            name="Matti Meikäläisen Toiminimi",
            kind=OrganisationKind.client,
            business_id=taken,
        )
    )
    with pytest.raises(IntegrityError) as refused:
        db.session.flush()
    summary = database_refusal(refused.value.orig)
    assert "Meikäläisen" not in summary and taken not in summary
    assert "business_id" in summary
