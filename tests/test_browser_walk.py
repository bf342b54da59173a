"""The whole service path in Chromium, in Finnish, as its real users: the
coordinator records a lead, its needs and a request and publishes it; two
providers answer, one with a consortium offer its member confirms, the member
declining to offer on its own; after the deadline the client accepts; the lead
provider plans and runs the training, participants answer the survey through
their personal links, a certificate is issued and checked, the invoice and the
closing report are done; the steering group sees its figures move.

Each step is kept as a screenshot, SCREENSHOT_DIR/walk/NN-step.png, and every
page the walk sees is checked with axe-core: no critical or serious findings
(the public pages and the keyboard are in test_accessibility.py).
"""

import re
from datetime import datetime, time, timedelta

import pytest

from app.extensions import db
from app.models import (
    Certificate,
    ClosingReport,
    ConsortiumMember,
    ContractStatus,
    FeedbackAnswer,
    FeedbackSurvey,
    ImplementationPlan,
    Invoice,
    InvoiceStatus,
    InvoicingMilestone,
    Lead,
    LeadStatus,
    NeedsAssessment,
    Offer,
    OfferStatus,
    Participant,
    ReportStatus,
    RequestDistribution,
    RequestForQuotation,
    RequestStatus,
    ServiceContract,
    TrainingSession,
)
from app.services.clock import local_now
from app.services.reminders.tick import run_reminders
from tests.api_world import api_app
from tests.browser import blocking_violations, screenshot_dir, sign_in
from tests.path_records import (
    messages,
    organisation_id_of,
)

pytestmark = pytest.mark.browser

COMPANY = "Peltolan Konepaja Oy"  # client1's company
LEAD_PROVIDER = "Kehärata-opisto"  # provider1's organisation
MEMBER = "Vantaanjoen ammattikorkeakoulu"  # provider2's organisation
REFERENCE = "TP-KÄVELY-1"
TITLE = "Tekoälyavustajat konepajan työnjohdolle"
PARTICIPANTS = [
    ("Aino", "Laaksonen", "aino.laaksonen@peltolankonepaja.example"),
    ("Eero", "Kallio", "eero.kallio@peltolankonepaja.example"),
    ("Liisa", "Nurmi", "liisa.nurmi@peltolankonepaja.example"),
]
SERVICE = "Digitaidot ja tekoäly työssä"
FUNNEL = "Liideistä suljettuihin palveluihin"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """The walk's own app over its own database: the walk moves deadlines and
    session times, which must not disturb the other tests."""
    with api_app(tmp_path_factory.mktemp("walk"), "walk") as application:
        yield application


class Walk:
    """The users' browser tabs, a numbered screenshot of each step and
    axe-core's findings on every page seen."""

    def __init__(self, app, browser, base_url: str) -> None:
        self.app, self.browser, self.base_url = app, browser, base_url
        self.today = local_now().date()
        self.tabs = {}
        self.steps = 0
        self.findings: list[str] = []
        self.folder = screenshot_dir("walk")
        for old in self.folder.glob("*.png"):
            old.unlink()

    def signed_in(self, username: str):
        """The user's own tab, signed in through the login form once."""
        if username not in self.tabs:
            page = self.browser.new_context(locale="fi-FI").new_page()
            page.goto(f"{self.base_url}/login/")
            self.seen(page, f"login-{username}")
            sign_in(page, self.base_url, username)
            self.tabs[username] = page
        return self.tabs[username]

    def stranger(self):
        """A tab of someone without an account."""
        return self.browser.new_context(locale="fi-FI").new_page()

    def open(self, page, path: str, name: str) -> None:
        page.goto(path if path.startswith("http") else self.base_url + path)
        self.seen(page, name)

    def seen(self, page, name: str) -> None:
        """Keep a screenshot of the page and check it with axe-core."""
        self.steps += 1
        path = self.folder / f"{self.steps:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        self.findings += blocking_violations(page, name)

    def close(self) -> None:
        for page in self.tabs.values():
            page.context.close()


# --- The user's moves on Flask-AppBuilder's screens ---------------------------


def fill(page, **fields) -> None:
    """Fill in fields. Dates are typed key by key, as the date picker reads
    only what is typed, and the picker is closed again."""
    for name, value in fields.items():
        field = page.locator(f"#{name}")
        if field.get_attribute("data-format") is None:
            field.fill(str(value))
            continue
        field.fill("")
        field.press_sequentially(str(value))
        page.keyboard.press("Escape")
        assert field.input_value() == str(value), name


def choose(page, field: str, *options: str) -> None:
    """Pick options of a select2 field as a user does: open it, click them."""
    for option in options:
        page.locator(f"#{field} + .select2 .select2-selection").click()
        exact = re.compile(rf"^\s*{re.escape(option)}\s*$")
        page.locator(".select2-results__option").filter(has_text=exact).click()


def save(page, walk: Walk, name: str) -> None:
    """Show the filled form, then save it; the form must be accepted."""
    walk.seen(page, name)
    with page.expect_navigation():
        page.get_by_role("button", name="Tallenna").click()
    problems = page.locator(".has-error, .alert-danger").all_inner_texts()
    assert problems == [], page.url


def act(page, walk: Walk, button: str, name: str, confirm: bool = False) -> None:
    """Take a workflow step with its button on the record's page. The button
    is a link to "#" that posts a hidden form: wait for the page after it."""
    with page.expect_navigation(url=lambda url: not url.endswith("#")):
        page.get_by_role("link", name=button).click()
        if confirm:
            page.locator("#modal-confirm-ok").filter(visible=True).click()
    refusals = page.locator(".alert-danger").all_inner_texts()
    assert refusals == [], f"{button}: {refusals}"
    assert page.locator(".alert-success").count() == 1, button
    walk.seen(page, name)


# --- Records, read and moved in the database ----------------------------------


def one(app, model, **filters):
    with app.app_context():
        record = db.session.scalars(db.select(model).filter_by(**filters)).one()
        db.session.expunge(record)
        return record


def link_in_mail(app, key_part: str, recipients: set[str]) -> str:
    """The link in the first email whose key names ``key_part``, sent to one
    of the recipients, as they read it."""
    message = next(m for m in messages(app, key_part) if m.recipient in recipients)
    return re.search(r"https?://\S+", message.body).group(0)


def contact_emails(app, username: str) -> set[str]:
    """The email addresses of the contact people of the user's organisation."""
    with app.app_context():
        organisation = app.appbuilder.sm.find_user(username=username).organisation
        return {person.email for person in organisation.contact_people}


def test_the_service_path_walked_by_its_users(app, live_server, browser):
    walk = Walk(app, browser, live_server)
    # Links in emails point here, as they point to the site in production.
    app.config["PUBLIC_URL"] = live_server

    before = steering_funnel(walk, "before")
    request_id = coordinate(walk)
    offer_id = offer_and_decline(walk, request_id)
    contract = accept_after_deadline(walk, request_id, offer_id)
    plan_id = prepare(walk, contract)
    deliver(walk, contract, plan_id)
    collect_feedback(walk, contract)
    certify(walk)
    invoice_and_close(walk, contract, plan_id)
    after = steering_funnel(walk, "after")

    moved = ("Liidit", "Tarjouspyynnöt", "Palvelusopimukset", "Päättyneet palvelut")
    for step in moved:
        assert after[step] == before[step] + 1, (step, before, after)
    walk.close()
    assert walk.findings == [], "axe-core found:\n" + "\n".join(walk.findings)


def steering_funnel(walk: Walk, moment: str) -> dict[str, int]:
    """The steering group's funnel, as the group reads it on its results."""
    steering = walk.signed_in("steering")
    walk.open(steering, "/results/", f"steering-results-{moment}")
    section = steering.locator(
        "section", has=steering.get_by_role("heading", name=FUNNEL)
    )
    counts = {}
    for row in section.locator("tbody tr").all():
        step, count = row.locator("td").all_inner_texts()[:2]
        counts[step] = int(count)
    return counts


def coordinate(walk: Walk) -> int:
    """Steps 1-3: the coordinator records a lead, contacts and qualifies it,
    assesses the needs, writes the request and publishes it; returns its id."""
    app, today = walk.app, walk.today
    coordinator = walk.signed_in("coordinator")
    walk.open(coordinator, "/leadview/add", "lead-form")
    choose(coordinator, "company", COMPANY)
    choose(coordinator, "source", "Tapahtuma")
    fill(coordinator, description="Kävely: tekoälyavustajat työnjohdolle.")
    save(coordinator, walk, "lead-filled")
    lead = one(app, Lead, description="Kävely: tekoälyavustajat työnjohdolle.")
    walk.open(coordinator, f"/leadview/show/{lead.id}", "lead")
    act(coordinator, walk, "Yhteydessä", "lead-contacted")
    act(coordinator, walk, "Jatkoon", "lead-qualified")
    assert one(app, Lead, id=lead.id).status is LeadStatus.qualified

    walk.open(coordinator, "/needsassessmentview/add", "needs-form")
    choose(coordinator, "company", COMPANY)
    choose(coordinator, "lead", f"{COMPANY} (Tapahtuma)")
    fill(
        coordinator,
        assessed_on=today.isoformat(),
        competence_needs="Kävely: tekoälyavustajat työnjohdon arkeen.",
        people_count=3,
    )
    choose(coordinator, "service_entities", SERVICE)
    choose(coordinator, "status", "Avoin")
    save(coordinator, walk, "needs-filled")
    assert one(app, NeedsAssessment, lead_id=lead.id).people_count == 3

    walk.open(coordinator, "/requestforquotationview/add", "request-form")
    deadline = datetime.combine(today + timedelta(days=7), time(16))
    fill(coordinator, reference=REFERENCE, title=TITLE)
    choose(coordinator, "client_companies", COMPANY)
    choose(coordinator, "needs_assessments", f"{COMPANY} {today:%d.%m.%Y}")
    choose(coordinator, "service_entities", SERVICE)
    fill(
        coordinator,
        description="Kolme työnjohtajaa, kaksi lähipäivää.",
        expertise_sought="Tekoäly ja tietoturva",
        offer_deadline=deadline.strftime("%Y-%m-%dT%H:%M"),
    )
    choose(coordinator, "sought_delivery", "Yksittäinen koulutustoimija tai ryhmittymä")
    save(coordinator, walk, "request-filled")
    request = one(app, RequestForQuotation, reference=REFERENCE)
    assert request.offer_deadline == deadline

    walk.open(coordinator, f"/requestforquotationview/show/{request.id}", "request")
    publish = "Julkaise kouluttajapoolille"
    act(coordinator, walk, publish, "request-published", confirm=True)
    published = one(app, RequestForQuotation, id=request.id)
    assert published.status is RequestStatus.published
    return request.id


def offer_and_decline(walk: Walk, request_id: int) -> int:
    """Step 4: provider1 opens the request from its email and offers with
    provider2 as a consortium member; provider2 confirms its part and declines
    to offer on its own. Returns the offer's id."""
    app = walk.app
    provider1 = walk.signed_in("provider1")
    key = f"request-published:{request_id}:"
    link = link_in_mail(app, key, contact_emails(app, "provider1"))
    walk.open(provider1, link, "provider1-request-from-mail")
    walk.open(provider1, "/offerview/add", "offer-form")
    choose(provider1, "request", f"{REFERENCE} {TITLE}")
    choose(provider1, "lead_provider", LEAD_PROVIDER)
    fill(
        provider1,
        content="Kaksi lähipäivää ja etätehtävä tekoälyavustajista.",
        price="6400",
        vat_rate="0",
        valid_until=(walk.today + timedelta(days=90)).isoformat(),
    )
    save(provider1, walk, "offer-filled")
    offer = one(app, Offer, request_id=request_id)

    walk.open(provider1, "/consortiummemberview/add", "member-form")
    choose(provider1, "offer", f"{REFERENCE} / {LEAD_PROVIDER} v1")
    choose(provider1, "provider", MEMBER)
    fill(provider1, part="Tietoturvaosuus", share_percent="30")
    save(provider1, walk, "member-filled")
    member = one(app, ConsortiumMember, offer_id=offer.id)

    provider2 = walk.signed_in("provider2")
    walk.open(provider2, f"/consortiummemberview/show/{member.id}", "member")
    act(provider2, walk, "Vahvista osuutemme", "member-confirmed")
    assert one(app, ConsortiumMember, id=member.id).confirmed_on is not None

    distribution = one(
        app,
        RequestDistribution,
        request_id=request_id,
        provider_id=organisation_id_of(app, "provider2"),
    )
    path = f"/requestdistributionview/edit/{distribution.id}"
    walk.open(provider2, path, "decline-form")
    fill(provider2, decline_reason="Osallistumme Kehärata-opiston ryhmittymään.")
    save(provider2, walk, "decline-filled")
    path = f"/requestdistributionview/show/{distribution.id}"
    walk.open(provider2, path, "distribution")
    act(provider2, walk, "Kieltäydy tarjouspyynnöstä", "declined")
    assert one(app, RequestDistribution, id=distribution.id).declined_on is not None

    walk.open(provider1, f"/offerview/show/{offer.id}", "offer")
    act(provider1, walk, "Jätä tarjous", "offer-submitted")
    assert one(app, Offer, id=offer.id).status is OfferStatus.submitted
    return offer.id


def accept_after_deadline(walk: Walk, request_id: int, offer_id: int):
    """Step 5: after the deadline the client accepts; returns the contract."""
    app = walk.app
    # Waiting a week is not possible in a test: the deadline is moved into the
    # past in the database.
    with app.app_context():
        db.session.get(RequestForQuotation, request_id).offer_deadline = (
            local_now() - timedelta(minutes=1)
        )
        db.session.commit()
    client = walk.signed_in("client1")
    walk.open(client, f"/offerview/show/{offer_id}", "client-offer")
    act(client, walk, "Hyväksy tämä tarjous", "offer-accepted", confirm=True)
    assert one(app, RequestForQuotation, id=request_id).status is (
        RequestStatus.awarded
    )
    return one(app, ServiceContract, offer_id=offer_id)


def prepare(walk: Walk, contract) -> int:
    """Step 6: the lead provider plans the delivery (sessions, participants,
    an invoicing milestone), agrees the plan and starts; returns the plan's
    id."""
    app, today = walk.app, walk.today
    provider1 = walk.signed_in("provider1")
    contract_page = f"/servicecontractview/show/{contract.id}"
    contract_name = f"{contract.number} {TITLE}"
    walk.open(provider1, contract_page, "contract")
    walk.open(provider1, "/implementationplanview/add", "plan-form")
    choose(provider1, "contract", contract_name)
    fill(
        provider1,
        competence_goals="Osaa käyttää tekoälyavustajaa turvallisesti.",
        contents="Kaksi lähipäivää ja etätehtävä.",
    )
    save(provider1, walk, "plan-filled")
    plan = one(app, ImplementationPlan, contract_id=contract.id)
    walk.open(provider1, contract_page, "contract")
    act(provider1, walk, "Aloita valmistelu", "contract-preparing")

    first_day = today + timedelta(days=14)
    for number, day in enumerate((first_day, first_day + timedelta(days=7)), 1):
        walk.open(provider1, "/trainingsessionview/add", f"session-{number}-form")
        choose(provider1, "plan", contract_name)
        fill(
            provider1,
            topic=f"Lähipäivä {number}",
            starts_at=f"{day.isoformat()}T09:00",
            ends_at=f"{day.isoformat()}T15:00",
            place="Tikkurilan osaamiskampus",
        )
        save(provider1, walk, f"session-{number}-filled")
    for first, last, email in PARTICIPANTS:
        walk.open(provider1, "/participantview/add", f"participant-{first}-form")
        choose(provider1, "contract", contract_name)
        choose(provider1, "company", COMPANY)
        fill(provider1, first_name=first, last_name=last, email=email)
        save(provider1, walk, f"participant-{first}-filled")
    walk.open(provider1, "/invoicingmilestoneview/add", "milestone-form")
    choose(provider1, "plan", contract_name)
    fill(
        provider1,
        description="Koko koulutus",
        due_on=(first_day + timedelta(days=14)).isoformat(),
        amount="6400",
        vat_rate="0",
    )
    save(provider1, walk, "milestone-filled")

    walk.open(provider1, f"/implementationplanview/edit/{plan.id}", "plan-edit")
    choose(provider1, "status", "Sovittu asiakkaan kanssa")
    fill(provider1, agreed_on=today.isoformat())
    save(provider1, walk, "plan-agreed")
    walk.open(provider1, contract_page, "contract")
    act(provider1, walk, "Aloita toteutus", "delivery-started")
    return plan.id


def deliver(walk: Walk, contract, plan_id: int) -> None:
    """Step 7: the sessions are held and the training is marked delivered."""
    # Two weeks cannot pass in a test: the sessions are moved four weeks back
    # in the database.
    with walk.app.app_context():
        sessions = db.select(TrainingSession).filter_by(plan_id=plan_id)
        for session in db.session.scalars(sessions):
            session.starts_at -= timedelta(days=28)
            session.ends_at -= timedelta(days=28)
        db.session.commit()
    provider1 = walk.signed_in("provider1")
    walk.open(provider1, f"/servicecontractview/show/{contract.id}", "contract")
    act(provider1, walk, "Merkitse toteutetuksi", "delivered")
    assert one(walk.app, ServiceContract, id=contract.id).status is (
        ContractStatus.delivered
    )


def collect_feedback(walk: Walk, contract) -> None:
    """The coordinator opens the final survey; each participant answers it
    through the personal link in their email."""
    app, today = walk.app, walk.today
    coordinator = walk.signed_in("coordinator")
    walk.open(coordinator, "/feedbacksurveyview/add", "survey-form")
    choose(coordinator, "contract", f"{contract.number} {TITLE}")
    choose(coordinator, "kind", "Loppupalaute")
    fill(
        coordinator,
        opens_on=today.isoformat(),
        closes_on=(today + timedelta(days=14)).isoformat(),
    )
    save(coordinator, walk, "survey-filled")
    survey = one(app, FeedbackSurvey, contract_id=contract.id)
    # The scheduler's tick, run here as the scheduler process would run it,
    # emails each invitee a personal link.
    with app.app_context():
        run_reminders(today)

    answers = zip(PARTICIPANTS, ((5, 10), (4, 9), (5, 9)), strict=True)
    for (first, _last, email), (score, recommendation) in answers:
        participant = walk.stranger()
        link = link_in_mail(app, f"feedback_due:survey-{survey.id}:", {email})
        walk.open(participant, link, f"survey-{first}")
        for group in participant.get_by_role("group").all():
            recommends = "suosittelisit" in group.locator("legend").inner_text()
            value = recommendation if recommends else score
            group.get_by_label(str(value), exact=True).check()
        participant.get_by_role("textbox").fill("Käytännöllinen ja selkeä.")
        with participant.expect_navigation():
            participant.get_by_role("button", name="Lähetä vastaus").click()
        assert participant.get_by_role("status").count() == 1
        walk.seen(participant, f"survey-{first}-answered")
        participant.context.close()

    with app.app_context():
        answered = db.select(FeedbackAnswer).filter_by(survey_id=survey.id)
        assert len(db.session.scalars(answered).all()) == len(PARTICIPANTS)
    walk.open(coordinator, f"/feedbacksurveyview/show/{survey.id}", "survey-results")
    assert "Vastauksia: 3" in coordinator.locator("main").inner_text()


def certify(walk: Walk) -> None:
    """A participant who completed the training gets a certificate, and
    anyone holding its code finds it genuine."""
    app = walk.app
    provider1 = walk.signed_in("provider1")
    first, last, email = PARTICIPANTS[0]
    participant = one(app, Participant, email=email)
    path = f"/participantview/edit/{participant.id}"
    walk.open(provider1, path, "participant-edit")
    provider1.get_by_label("Suorittanut").check()
    save(provider1, walk, "participant-completed")
    walk.open(provider1, "/certificateview/add", "certificate-form")
    choose(provider1, "participant", f"{first} {last}")
    fill(provider1, issued_on=walk.today.isoformat(), hours="12")
    save(provider1, walk, "certificate-filled")
    certificate = one(app, Certificate, participant_id=participant.id)
    walk.open(provider1, f"/certificateview/show/{certificate.id}", "certificate")

    checker = walk.stranger()
    walk.open(checker, "/certificate/check", "certificate-check")
    checker.get_by_label("Tarkistuskoodi").fill(certificate.verification_code)
    with checker.expect_navigation():
        checker.get_by_role("button", name="Tarkista").click()
    stated = checker.locator("main").inner_text()
    assert "Todistus on aito." in stated and f"{first} {last}" in stated
    walk.seen(checker, "certificate-genuine")
    checker.context.close()


def invoice_and_close(walk: Walk, contract, plan_id: int) -> None:
    """Step 8: the invoice is made and sent, the closing report drafted,
    completed and submitted, reviewed with the coordinator, and the service
    closed."""
    app = walk.app
    provider1 = walk.signed_in("provider1")
    milestone = one(app, InvoicingMilestone, plan_id=plan_id)
    path = f"/invoicingmilestoneview/show/{milestone.id}"
    walk.open(provider1, path, "milestone")
    act(provider1, walk, "Tee lasku", "invoice-drafted")
    invoice = one(app, Invoice, milestone_id=milestone.id)
    walk.open(provider1, f"/invoiceview/edit/{invoice.id}", "invoice-edit")
    choose(provider1, "status", "Lähetetty")
    save(provider1, walk, "invoice-sent")
    assert one(app, Invoice, id=invoice.id).status is InvoiceStatus.sent

    contract_page = f"/servicecontractview/show/{contract.id}"
    walk.open(provider1, contract_page, "contract")
    act(provider1, walk, "Laadi loppuraportti", "report-drafted")
    report = one(app, ClosingReport, contract_id=contract.id)
    walk.open(provider1, f"/closingreportview/edit/{report.id}", "report-edit")
    fill(
        provider1,
        lessons_learned="Harjoitukset omilla aineistoilla toimivat parhaiten.",
        follow_up_needs="Tekoäly laatutyössä.",
    )
    save(provider1, walk, "report-completed")
    walk.open(provider1, f"/closingreportview/show/{report.id}", "report")
    act(provider1, walk, "Jätä raportti", "report-submitted")

    coordinator = walk.signed_in("coordinator")
    walk.open(coordinator, f"/closingreportview/show/{report.id}", "report-review")
    act(coordinator, walk, "Käyty yhdessä läpi", "report-reviewed")
    walk.open(coordinator, contract_page, "contract")
    act(coordinator, walk, "Päätä palvelu", "service-closed")
    assert one(app, ClosingReport, id=report.id).status is ReportStatus.reviewed
    assert one(app, ServiceContract, id=contract.id).status is ContractStatus.closed
