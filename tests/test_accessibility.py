"""Accessibility in Chromium: the public pages and the login have no critical
or serious axe-core findings (the signed-in pages are checked along the walk in
test_browser_walk.py), and the need form and a survey answer can be completed
with the keyboard alone. Screenshots go to SCREENSHOT_DIR/public and /keyboard.
"""

from datetime import timedelta

import pytest

from app.extensions import db
from app.models import (
    ContactPerson,
    ContractStatus,
    FeedbackAnswer,
    FeedbackSurvey,
    Lead,
    LeadSource,
    Participant,
    ServiceContract,
    SurveyKind,
)
from app.services.clock import local_now
from app.services.workflow.surveys import invite
from tests.browser import blocking_violations, screenshot_dir
from tests.path_records import default_set_id, free_business_id, new_contract

pytestmark = pytest.mark.browser

PUBLIC_PAGES = {
    "front-page": "/",
    "need-form": "/need",
    "service-map": "/services",
    "privacy-notice": "/privacy",
    "certificate-check": "/certificate/check",
    "certificate-unknown": "/certificate/check/EI-OLE",
    "login": "/login/",
}


def test_the_public_pages_have_no_serious_accessibility_faults(live_server, browser):
    page = browser.new_context(locale="fi-FI").new_page()
    folder = screenshot_dir("public")
    findings = []
    for name, path in PUBLIC_PAGES.items():
        page.goto(live_server + path)
        assert page.locator("html").get_attribute("lang") == "fi", name
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
        findings += blocking_violations(page, name)

    # The need form sent empty shows its errors: they must be readable too.
    page.goto(live_server + "/need")
    with page.expect_navigation():
        page.get_by_role("button", name="Lähetä").click()
    assert page.get_by_role("alert").count() > 1
    page.screenshot(path=str(folder / "need-form-errors.png"), full_page=True)
    findings += blocking_violations(page, "need-form-errors")

    page.context.close()
    assert findings == [], "axe-core found:\n" + "\n".join(findings)


def tab_to(page, selector: str, presses: int = 40) -> None:
    """Press Tab until the element the selector names has the focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_the_need_form_is_completed_with_the_keyboard_alone(app, live_server, browser):
    with app.app_context():
        business_id = free_business_id()
    email = "kaisa.nappaimisto@example.com"
    page = browser.new_context(locale="fi-FI").new_page()
    page.goto(live_server + "/need")

    for field, text in (
        ("business_id", business_id),
        ("company_name", "Näppäimistö Oy"),
        ("first_name", "Kaisa"),
        ("last_name", "Näppäimistö"),
        ("email", email),
        ("need", "Näppäinkomentojen koulutus kymmenelle."),
    ):
        tab_to(page, f"#{field}")
        page.keyboard.type(text)
    tab_to(page, "input[name=services]")
    page.keyboard.press("Space")
    tab_to(page, "#people")
    page.keyboard.type("10")
    tab_to(page, "#consent")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.screenshot(path=str(screenshot_dir("keyboard") / "need-form.png"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("heading", level=1).count() == 1
    page.screenshot(path=str(screenshot_dir("keyboard") / "need-sent.png"))
    page.context.close()
    with app.app_context():
        lead = db.session.scalars(
            db.select(Lead)
            .join(Lead.contact_person)
            .where(ContactPerson.email == email)
        ).one()
        assert lead.source is LeadSource.web_form
        assert "Näppäinkomentojen koulutus" in lead.description
        assert lead.company.business_id == business_id
        assert lead.company.name == "Näppäimistö Oy"


def test_the_survey_is_answered_with_the_keyboard_alone(app, live_server, browser):
    case = new_contract(app, signed_on=local_now().date(), provider_login="provider1")
    with app.app_context():
        contract = db.session.get(ServiceContract, case.contract_id)
        contract.status = ContractStatus.in_delivery
        db.session.add(
            Participant(
                contract=contract,
                company_id=case.company_id,
                first_name="Kalle",
                last_name="Näppäimistö",
                email="kalle.nappaimisto@example.com",
            )
        )
        survey = FeedbackSurvey(
            contract=contract,
            kind=SurveyKind.interim,
            opens_on=local_now().date(),
            closes_on=local_now().date() + timedelta(days=7),
            question_set_id=default_set_id(app),
        )
        db.session.add(survey)
        db.session.flush()
        (token,) = [
            i.token
            for i in invite(survey)
            if i.invitee.email == "kalle.nappaimisto@example.com"
        ]
        survey_id = survey.id
        db.session.commit()
    page = browser.new_context(locale="fi-FI").new_page()
    page.goto(f"{live_server}/feedback/{token}")

    # Into each group of choices with Tab; Space picks the first, each arrow
    # press the next: 1 + 3 = 4 on the scales of 1-5, 0 + 9 = 9 on the last,
    # the recommendation from 0 to 10.
    groups = page.locator("fieldset").count()
    for number in range(groups):
        tab_to(page, f"fieldset:nth-of-type({number + 1}) input[type=radio]")
        page.keyboard.press("Space")
        last_group = number == groups - 1
        for _ in range(9 if last_group else 3):
            page.keyboard.press("ArrowRight")
    tab_to(page, "textarea")
    page.keyboard.type("Selkeä ja käytännöllinen.")
    tab_to(page, "button[type=submit]")
    page.screenshot(path=str(screenshot_dir("keyboard") / "survey.png"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("status").count() == 1
    page.screenshot(path=str(screenshot_dir("keyboard") / "survey-sent.png"))
    page.context.close()
    with app.app_context():
        (answer,) = db.session.scalars(
            db.select(FeedbackAnswer).filter_by(survey_id=survey_id)
        ).all()
        scores = sorted(v.score for v in answer.values if v.score is not None)
        texts = [v.text for v in answer.values if v.text]
        assert scores == [4] * (groups - 1) + [9]
        assert texts == ["Selkeä ja käytännöllinen."]
