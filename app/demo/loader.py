"""Loading the demo data: organisations, the service menu, and cases standing at
every step of the service path, plus one login per role.

The records are written in one transaction and only if the demo has not been
loaded before, so loading twice changes nothing. Dates are relative to the day
of loading, so that open requests still have their deadlines ahead.
"""

import logging
import os
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from flask_appbuilder import AppBuilder

from app.demo import data
from app.demo.cases import build_cases
from app.demo.deliveries import closed_delivery, delivery_in_progress
from app.demo.steering import steering_group
from app.extensions import db
from app.models import (
    ContactPerson,
    FundingOption,
    Organisation,
    OrganisationKind,
    PartnershipAgreement,
    ServiceContract,
    ServiceEntity,
    ServiceTheme,
    SizeClass,
    Trainer,
)
from app.models.choices import Language
from app.models.foresight import ForesightNote
from app.models.service_menu import DeliveryFormat
from app.security import role_names as roles
from app.services import commission

logger = logging.getLogger(__name__)

DEFAULT_DEMO_PASSWORD = "demo-salasana"
EMAIL_DOMAIN = "example.com"

# The first client company; its presence means the demo is loaded.
MARKER_BUSINESS_ID = data.CLIENT_COMPANIES[0][1]

# login, first name, last name, role
DEMO_LOGINS = [
    ("coordinator", "Sanna", "Virtanen", roles.COORDINATOR),
    ("provider1", "Minna", "Heikkinen", roles.PROVIDER),
    ("provider2", "Petri", "Salonen", roles.PROVIDER),
    ("steering", "Jari", "Laaksonen", roles.STEERING_GROUP),
    ("client1", "Timo", "Peltola", roles.CLIENT),
    ("client2", "Riikka", "Mäkelä", roles.CLIENT),
    ("admin", "Ylläpito", "Vantaa", roles.ADMIN),
]

# The business ID of the organisation each demo login acts for.
DEMO_LOGIN_ORGANISATIONS = {
    "coordinator": data.COORDINATOR["business_id"],
    "provider1": data.PROVIDERS[0][1],
    "provider2": data.PROVIDERS[1][1],
    "steering": data.COORDINATOR["business_id"],
    "client1": data.CLIENT_COMPANIES[0][1],
    "client2": data.CLIENT_COMPANIES[1][1],
    "admin": data.COORDINATOR["business_id"],
}


def demo_password() -> str:
    return os.environ.get("DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


def load_demo_data(appbuilder: AppBuilder, today: date | None = None) -> bool:
    """Load the demo data set unless it is there already. Returns True if
    anything was written."""
    _require_roles(appbuilder)
    created_users = _create_logins(appbuilder)
    wrote = created_users > 0
    if not _already_loaded():
        owner = appbuilder.sm.find_user(username="coordinator")
        DemoWorld(today or date.today(), lead_owner=owner).build()
        wrote = True
    wrote = _link_logins_to_organisations(appbuilder) or wrote
    db.session.commit()
    if wrote:
        logger.info("Demo data loaded with %s logins", len(DEMO_LOGINS))
    return wrote


def _link_logins_to_organisations(appbuilder: AppBuilder) -> bool:
    linked = False
    for username, business_id in DEMO_LOGIN_ORGANISATIONS.items():
        user = appbuilder.sm.find_user(username=username)
        if user.organisation_id is None:
            user.organisation_id = db.session.scalar(
                db.select(Organisation.id).filter_by(business_id=business_id)
            )
            linked = True
    return linked


def _already_loaded() -> bool:
    return (
        db.session.scalar(
            db.select(Organisation.id).where(
                Organisation.business_id == MARKER_BUSINESS_ID
            )
        )
        is not None
    )


def _require_roles(appbuilder: AppBuilder) -> None:
    missing = [
        name for name in roles.ROLE_NAMES if appbuilder.sm.find_role(name) is None
    ]
    if missing:
        raise RuntimeError(
            "Roles missing: " + ", ".join(missing) + ". Run `flask bootstrap` first."
        )


def _create_logins(appbuilder: AppBuilder) -> int:
    security = appbuilder.sm
    created = 0
    for username, first_name, last_name, role_name in DEMO_LOGINS:
        if security.find_user(username=username) is not None:
            continue
        user = security.add_user(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@{EMAIL_DOMAIN}",
            role=security.find_role(role_name),
            password=demo_password(),
        )
        if not user:
            raise RuntimeError(f"Could not create the demo login {username!r}.")
        created += 1
    return created


class DemoWorld:
    """Builds the organisations, the menu and the cases in the session."""

    def __init__(self, today: date, lead_owner=None) -> None:
        self.today = today
        self.lead_owner = lead_owner
        self.providers: list[Organisation] = []
        self.clients: list[Organisation] = []
        self.client_contacts: list[ContactPerson] = []
        self.provider_contacts: list[ContactPerson] = []
        self.trainers: list[Trainer] = []
        self.themes: list[ServiceTheme] = []
        self.entities: list[ServiceEntity] = []
        self.funding: list[FundingOption] = []

    def days(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def at(self, offset: int, hour: int = 16) -> datetime:
        return datetime.combine(self.days(offset), time(hour))

    def add(self, record):
        db.session.add(record)
        return record

    def build(self) -> None:
        self._coordinator()
        self._providers()
        self._clients()
        self._service_menu()
        self._foresight()
        needs = build_cases(self)
        delivery_in_progress(self, needs)
        closed_delivery(self, needs)
        steering_group(self)
        db.session.flush()
        for contract in db.session.scalars(db.select(ServiceContract)):
            commission.apply(contract)
        db.session.flush()

    def _coordinator(self) -> None:
        self.coordinator = self.add(
            Organisation(kind=OrganisationKind.coordinator, **data.COORDINATOR)
        )
        for first, last, title, login in data.COORDINATOR_PEOPLE:
            self.add(
                ContactPerson(
                    organisation=self.coordinator,
                    first_name=first,
                    last_name=last,
                    title=title,
                    email=f"{login}@{EMAIL_DOMAIN}",
                )
            )

    def _providers(self) -> None:
        for index, (name, business_id, town, person) in enumerate(data.PROVIDERS):
            provider = self.add(
                Organisation(
                    kind=OrganisationKind.provider,
                    name=name,
                    business_id=business_id,
                    municipality=town,
                    industry="Koulutus",
                )
            )
            contact = self._person(provider, person, receives_requests=True)
            self.providers.append(provider)
            self.provider_contacts.append(contact)
            self.add(
                PartnershipAgreement(
                    provider=provider,
                    signed_on=date(2025, 1, 15),
                    valid_from=date(2025, 2, 1),
                    valid_until=self.days(365),
                    steering_group_member=contact,
                    contact_people=[contact],
                    document_reference=f"VANTAA/KUMPPANUUS/2025/{index + 1:02d}",
                )
            )
            self.trainers.append(
                self.add(
                    Trainer(
                        provider=provider,
                        first_name=("Aino", "Eero", "Kaisa", "Olli", "Helmi", "Ville")[
                            index
                        ],
                        last_name="Kouluttaja",
                        email=f"kouluttaja{index + 1}@{EMAIL_DOMAIN}",
                    )
                )
            )

    def _clients(self) -> None:
        rows = zip(data.CLIENT_COMPANIES, data.CLIENT_PEOPLE, strict=True)
        for row, person in rows:
            name, business_id, industry, size, town, language = row
            company = self.add(
                Organisation(
                    kind=OrganisationKind.client,
                    name=name,
                    business_id=business_id,
                    industry=industry,
                    size_class=SizeClass[size],
                    municipality=town,
                    preferred_language=Language[language],
                )
            )
            self.clients.append(company)
            self.client_contacts.append(
                self._person(company, person, language=Language[language])
            )

    def _person(self, organisation, person, **extra) -> ContactPerson:
        first, last, title = person
        login = f"{first}.{last}".lower().replace("ä", "a").replace("ö", "o")
        return self.add(
            ContactPerson(
                organisation=organisation,
                first_name=first,
                last_name=last,
                title=title,
                email=f"{login}@{EMAIL_DOMAIN}",
                **extra,
            )
        )

    def _service_menu(self) -> None:
        self.themes = [
            self.add(ServiceTheme(name=name, description=text))
            for name, text in data.THEMES
        ]
        for name, text, themes, form, hours, providers in data.SERVICE_ENTITIES:
            self.entities.append(
                self.add(
                    ServiceEntity(
                        name=name,
                        description=text,
                        themes=[self.themes[i] for i in themes],
                        providers=[self.providers[i] for i in providers],
                        typical_format=DeliveryFormat[form],
                        typical_duration_hours=hours,
                    )
                )
            )
        for name, funder, text, share, joint in data.FUNDING_OPTIONS:
            self.funding.append(
                self.add(
                    FundingOption(
                        name=name,
                        funder=funder,
                        description=text,
                        employer_share_percent=Decimal(share),
                        suits_joint_procurement=joint,
                    )
                )
            )

    def _foresight(self) -> None:
        for title, body, source, industry, theme in data.FORESIGHT_NOTES:
            self.add(
                ForesightNote(
                    title=title,
                    body=body,
                    source=source,
                    industry=industry,
                    theme=self.themes[theme],
                    noted_on=self.days(-40),
                )
            )
