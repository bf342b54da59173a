"""A city-sized data set, written fast: the demo data first (logins, the
coordinator, the service menu, the steering group), then tens of thousands of
companies and hundreds of thousands of path records in large batches, through
SQLAlchemy Core on SQLite and COPY on PostgreSQL.

The records hang together as the service path does: leads of client companies
owned by the coordinator's staff, needs assessments of qualified leads,
requests sent to the provider pool, offers from providers the request was sent
to, contracts of the accepted offers with their plans and surveys, anonymous
answers to the surveys, and the audit log of it all, spread over five years.
Every figure depends only on the scale and the seed, not on the run.
"""

import enum
import json
import logging
import random
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask_appbuilder import Model
from stdnum.fi import ytunnus

from app.extensions import db
from app.models import (
    AuditAction,
    ContractStatus,
    LeadSource,
    LeadStatus,
    NeedStatus,
    OfferStatus,
    OrganisationKind,
    PlanStatus,
    RequestStatus,
    SizeClass,
    SoughtDelivery,
    SurveyKind,
)
from app.models.choices import Language
from app.services.clock import local_now

logger = logging.getLogger(__name__)

BATCH_ROWS = 5000
YEARS_OF_HISTORY = 5
PROVIDERS_IN_POOL = 40
PROVIDERS_PER_REQUEST = 10
COORDINATOR_STAFF = 5
STAFF_PASSWORD = "bench-henkilokunta-2026"

FIRST_NAMES = ["Aino", "Eero", "Helmi", "Juho", "Kaisa", "Lauri", "Mervi", "Niko"]
LAST_NAMES = ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Hämäläinen", "Laine"]
INDUSTRIES = [
    "Metalliteollisuus",
    "Logistiikka",
    "Rakentaminen",
    "Kauppa",
    "Sosiaali- ja terveyspalvelut",
    "Ohjelmistot",
    "Matkailu ja ravintolat",
    "Kiinteistöpalvelut",
]
MUNICIPALITIES = ["Vantaa", "Helsinki", "Espoo", "Kerava", "Tuusula", "Sipoo"]


@dataclass(frozen=True)
class Sizes:
    """How many records of each kind the data set holds."""

    companies: int
    leads: int
    requests: int
    offers: int
    answers: int
    audit_rows: int

    @classmethod
    def at_scale(cls, scale: float) -> "Sizes":
        """The sizes of issue 11 times ``scale`` (1 is the full city)."""

        def sized(full: int) -> int:
            return max(int(full * scale), 10)

        return cls(
            companies=sized(20_000),
            leads=sized(50_000),
            requests=sized(20_000),
            offers=sized(100_000),
            answers=sized(500_000),
            audit_rows=sized(1_000_000),
        )


def table(name: str) -> sa.Table:
    return Model.metadata.tables[name]


class RowWriter:
    """Writes rows to one table in large batches; COPY on PostgreSQL."""

    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection
        self.postgresql = connection.dialect.name == "postgresql"
        self.counts: dict[str, int] = {}

    def write(self, name: str, rows: Iterable[dict]) -> None:
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                self._flush(name, batch)
                batch = []
        if batch:
            self._flush(name, batch)

    def _flush(self, name: str, batch: list[dict]) -> None:
        self.counts[name] = self.counts.get(name, 0) + len(batch)
        if not self.postgresql:
            self.connection.execute(table(name).insert(), batch)
            return
        columns = list(batch[0])
        cursor = self.connection.connection.driver_connection.cursor()
        quoted = ", ".join(f'"{column}"' for column in columns)
        with cursor.copy(f'COPY "{name}" ({quoted}) FROM STDIN') as copy:
            for row in batch:
                copy.write_row([_copy_value(row[column]) for column in columns])

    def move_sequences_past_ids(self) -> None:
        """Explicit ids leave PostgreSQL's sequences behind; move them on."""
        if not self.postgresql:
            return
        for name in self.counts:
            if "id" not in table(name).c:
                continue
            self.connection.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                    f'(SELECT max(id) FROM "{name}"))'
                )
            )


def _copy_value(value):
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def business_ids(start: int, taken: set[str]) -> Iterator[str]:
    """Valid, made-up Y-tunnus numbers from ``start`` up, skipping those
    ``taken``."""
    number = start
    while True:
        body = f"{number:07d}"
        for digit in range(10):
            candidate = f"{body}-{digit}"
            if ytunnus.is_valid(candidate) and candidate not in taken:
                yield candidate
                break
        number += 1


class CityData:
    """Generates the city-sized records over the demo data of one database."""

    def __init__(self, connection: sa.Connection, sizes: Sizes, seed: int = 11):
        self.writer = RowWriter(connection)
        self.connection = connection
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.now = local_now().replace(microsecond=0)
        self.today = self.now.date()
        self.first_day = self.today - timedelta(days=365 * YEARS_OF_HISTORY)
        self.next_ids: dict[str, int] = {}
        # The first contact person of each organisation, for its leads.
        self.contact_of: dict[int, int] = {}

    # --- helpers ------------------------------------------------------------

    def new_id(self, name: str) -> int:
        if name not in self.next_ids:
            current = self.connection.scalar(sa.select(sa.func.max(table(name).c.id)))
            self.next_ids[name] = (current or 0) + 1
        value = self.next_ids[name]
        self.next_ids[name] += 1
        return value

    def day_in_history(self, latest: date | None = None) -> date:
        latest = latest or self.today
        span = (latest - self.first_day).days
        return self.first_day + timedelta(days=self.rng.randint(0, max(span, 0)))

    def stamp(self, day: date, hour: int | None = None) -> datetime:
        hour = self.rng.randint(8, 16) if hour is None else hour
        return datetime.combine(day, time(hour, self.rng.randint(0, 59)))

    def history(self, day: date, user_id: int | None) -> dict:
        moment = self.stamp(day)
        return {
            "created_on": moment,
            "changed_on": moment,
            "created_by_fk": user_id,
            "changed_by_fk": user_id,
        }

    # --- the whole set --------------------------------------------------------

    def generate(self, staff_ids: list[int]) -> dict[str, int]:
        """Write every record; returns the rows written per table."""
        self.staff_ids = staff_ids
        self.author = staff_ids[0]
        self.entities = list(
            self.connection.scalars(sa.select(table("service_entity").c.id))
        )
        self.questions = {
            kind.name: question_id
            for kind, question_id in self.connection.execute(
                sa.select(
                    table("survey_question").c.kind, table("survey_question").c.id
                )
                .join(table("question_set"))
                .where(table("question_set").c.is_default.is_(True))
                .order_by(table("survey_question").c.position.desc())
            )
        }
        self.question_set_id = self.connection.scalar(
            sa.select(table("question_set").c.id).where(
                table("question_set").c.is_default.is_(True)
            )
        )
        steps = [
            self.providers,
            self.companies,
            self.leads,
            self.needs_assessments,
            self.requests,
            self.offers,
            self.contracts,
            self.answers,
            self.audit_log,
        ]
        for step in steps:
            logger.info("Generating %s", step.__name__)
            step()
        self.writer.move_sequences_past_ids()
        return self.writer.counts

    def providers(self) -> None:
        existing = list(
            self.connection.scalars(
                sa.select(table("organisation").c.id).where(
                    table("organisation").c.kind == OrganisationKind.provider.name
                )
            )
        )
        taken = set(
            self.connection.scalars(sa.select(table("organisation").c.business_id))
        )
        self.business_ids = business_ids(3_100_000, taken)
        new = [
            self.new_id("organisation")
            for _ in range(PROVIDERS_IN_POOL - len(existing))
        ]
        self.writer.write(
            "organisation",
            (
                self.organisation_row(
                    pid, f"Koulutus {n} Oy", OrganisationKind.provider
                )
                for n, pid in enumerate(new, start=1)
            ),
        )
        self.writer.write("contact_person", self.contacts_of(new, receives=True))
        self.writer.write(
            "partnership_agreement",
            (
                {
                    "id": self.new_id("partnership_agreement"),
                    "provider_id": pid,
                    "signed_on": self.first_day,
                    "valid_from": self.first_day,
                    "valid_until": None,
                    **self.history(self.first_day, self.author),
                }
                for pid in new
            ),
        )
        self.writer.write(
            "service_entity_provider",
            (
                {"service_entity_id": entity, "provider_id": pid}
                for pid in new
                for entity in self.rng.sample(self.entities, 4)
            ),
        )
        self.provider_ids = existing + new

    def organisation_row(self, oid: int, name: str, kind: OrganisationKind) -> dict:
        return {
            "id": oid,
            "name": name,
            "kind": kind,
            "business_id": next(self.business_ids),
            "industry": self.rng.choice(INDUSTRIES),
            "size_class": self.rng.choice(list(SizeClass)),
            "municipality": self.rng.choice(MUNICIPALITIES),
            "street_address": f"Teollisuustie {self.rng.randint(1, 99)}",
            "postal_code": f"01{self.rng.randint(200, 799)}",
            "preferred_language": Language.fi,
            "is_active": True,
            **self.history(self.day_in_history(), self.author),
        }

    def contacts_of(self, organisation_ids, receives: bool) -> Iterator[dict]:
        for oid in organisation_ids:
            for number in range(2 if receives else self.rng.choice((1, 1, 2))):
                cid = self.new_id("contact_person")
                self.contact_of.setdefault(oid, cid)
                yield {
                    "id": cid,
                    "organisation_id": oid,
                    "first_name": self.rng.choice(FIRST_NAMES),
                    "last_name": self.rng.choice(LAST_NAMES),
                    "email": f"yhteys{cid}.{number}@yritys{oid}.example",
                    "phone": f"+358 40 {cid:07d}",
                    "language": Language.fi,
                    "receives_requests": receives,
                    "is_active": True,
                    **self.history(self.day_in_history(), self.author),
                }

    def companies(self) -> None:
        ids = [self.new_id("organisation") for _ in range(self.sizes.companies)]
        self.writer.write(
            "organisation",
            (
                self.organisation_row(
                    oid, f"Asiakasyritys {n} Oy", OrganisationKind.client
                )
                for n, oid in enumerate(ids, start=1)
            ),
        )
        self.writer.write("contact_person", self.contacts_of(ids, receives=False))
        self.company_ids = ids

    def leads(self) -> None:
        statuses = [LeadStatus.new, LeadStatus.contacted] + [LeadStatus.qualified] * 2
        statuses.append(LeadStatus.dropped)
        self.qualified_leads = []

        def rows() -> Iterator[dict]:
            for _ in range(self.sizes.leads):
                lid = self.new_id("lead")
                company = self.rng.choice(self.company_ids)
                status = self.rng.choice(statuses)
                day = self.day_in_history()
                if status is LeadStatus.qualified:
                    self.qualified_leads.append((lid, company, day))
                follow_up = None
                if status in (LeadStatus.new, LeadStatus.contacted):
                    follow_up = self.today + timedelta(days=self.rng.randint(1, 120))
                yield {
                    "id": lid,
                    "company_id": company,
                    "contact_person_id": self.contact_of[company],
                    "source": self.rng.choice(list(LeadSource)),
                    "owner_id": self.rng.choice(self.staff_ids),
                    "status": status,
                    "next_follow_up_on": follow_up,
                    "description": "Koulutustarve kartoitettava.",
                    "drop_reason": (
                        "Ei tarvetta nyt." if status is LeadStatus.dropped else None
                    ),
                    **self.history(day, self.rng.choice(self.staff_ids)),
                }

        self.writer.write("lead", rows())

    def needs_assessments(self) -> None:
        self.needs_of = {}
        links = []

        def rows() -> Iterator[dict]:
            for lead_id, company, day in self.qualified_leads:
                nid = self.new_id("needs_assessment")
                assessed = min(day + timedelta(days=10), self.today)
                self.needs_of.setdefault(company, nid)
                links.append(
                    {
                        "needs_assessment_id": nid,
                        "service_entity_id": self.rng.choice(self.entities),
                    }
                )
                yield {
                    "id": nid,
                    "company_id": company,
                    "lead_id": lead_id,
                    "assessed_on": assessed,
                    "competence_needs": "Työnjohdon ja digitaitojen vahvistaminen.",
                    "people_count": self.rng.randint(3, 40),
                    "budget": Decimal(self.rng.randint(5, 60) * 1000),
                    "funding_interest": self.rng.random() < 0.3,
                    "status": self.rng.choice(list(NeedStatus)),
                    **self.history(assessed, self.author),
                }

        self.writer.write("needs_assessment", rows())
        self.writer.write("needs_assessment_service_entity", links)

    def requests(self) -> None:
        self.open_requests = []  # (id, published, deadline, status)
        companies, entities, distributions = [], [], []

        def rows() -> Iterator[dict]:
            for number in range(1, self.sizes.requests + 1):
                rid = self.new_id("request_for_quotation")
                published = self.stamp(self.day_in_history())
                deadline = datetime.combine(
                    published.date() + timedelta(days=21), time(16, 0)
                )
                status = self.request_status(deadline)
                clients = self.rng.sample(
                    self.company_ids, 1 if self.rng.random() < 0.92 else 3
                )
                companies.extend({"request_id": rid, "company_id": c} for c in clients)
                entities.append(
                    {
                        "request_id": rid,
                        "service_entity_id": self.rng.choice(self.entities),
                    }
                )
                if status is not RequestStatus.draft:
                    pool = self.rng.sample(self.provider_ids, PROVIDERS_PER_REQUEST)
                    distributions.extend(
                        self.distribution(rid, p, published) for p in pool
                    )
                    self.open_requests.append((rid, published, deadline, status, pool))
                yield {
                    "id": rid,
                    "reference": f"TP-{published.year}-{number:06d}",
                    "title": f"Koulutuspalvelu {number}",
                    "description": "Henkilöstön osaamisen kehittäminen.",
                    "expertise_sought": "Kokemus vastaavista koulutuksista.",
                    "sought_delivery": self.rng.choice(list(SoughtDelivery)),
                    "offer_deadline": deadline,
                    "budget_min": Decimal(10_000),
                    "budget_max": Decimal(80_000),
                    "status": status,
                    "published_on": (
                        None if status is RequestStatus.draft else published
                    ),
                    **self.history(published.date(), self.author),
                }

        self.writer.write("request_for_quotation", rows())
        self.writer.write("request_client_company", companies)
        self.writer.write("request_service_entity", entities)
        self.writer.write("request_distribution", distributions)

    def request_status(self, deadline: datetime) -> RequestStatus:
        if deadline > self.now:
            return self.rng.choice(
                [RequestStatus.published] * 9 + [RequestStatus.draft]
            )
        roll = self.rng.random()
        if roll < 0.55:
            return RequestStatus.awarded
        return RequestStatus.closed if roll < 0.88 else RequestStatus.cancelled

    def distribution(self, request_id: int, provider_id: int, sent: datetime) -> dict:
        return {
            "id": self.new_id("request_distribution"),
            "request_id": request_id,
            "provider_id": provider_id,
            "sent_on": sent,
            "declined_on": None,
            **self.history(sent.date(), self.author),
        }

    def offers(self) -> None:
        offered = [r for r in self.open_requests if r[3] is not RequestStatus.cancelled]
        per_request, extra = divmod(self.sizes.offers, max(len(offered), 1))
        self.accepted = []  # (offer id, price, deadline, provider)

        def rows() -> Iterator[dict]:
            for index, (rid, published, deadline, status, pool) in enumerate(offered):
                count = min(per_request + (index < extra), len(pool))
                for place, provider in enumerate(pool[:count]):
                    yield self.offer_row(
                        rid, published, deadline, status, place, provider
                    )

        self.writer.write("offer", rows())

    def offer_row(self, rid, published, deadline, request_status, place, provider):
        oid = self.new_id("offer")
        price = Decimal(self.rng.randint(40, 800) * 100)
        status = {
            RequestStatus.awarded: (
                OfferStatus.accepted if place == 0 else OfferStatus.rejected
            ),
            RequestStatus.closed: OfferStatus.submitted,
        }.get(request_status)
        if status is None:
            status = self.rng.choice([OfferStatus.draft, OfferStatus.submitted])
        submitted = None
        if status is not OfferStatus.draft:
            latest = min(deadline, self.now) - published
            submitted = published + latest * self.rng.random()
            submitted = submitted.replace(microsecond=0)
        if status is OfferStatus.accepted:
            self.accepted.append((oid, price, deadline, provider))
        return {
            "id": oid,
            "request_id": rid,
            "lead_provider_id": provider,
            "content": "Toteutamme koulutuksen lähiopetuksena ja verkossa.",
            "price": price,
            "vat_rate": Decimal(0),
            "valid_until": deadline.date() + timedelta(days=90),
            "version": 1,
            "status": status,
            "submitted_on": submitted,
            **self.history(published.date(), self.author),
        }

    def contracts(self) -> None:
        plans, surveys = [], []
        self.answerable_surveys = []

        def rows() -> Iterator[dict]:
            for offer_id, price, deadline, _provider in self.accepted:
                cid = self.new_id("service_contract")
                signed = deadline.date() + timedelta(days=14)
                start = signed + timedelta(days=30)
                end = start + timedelta(days=90)
                status = self.contract_status(start, end)
                plans.append(self.plan_row(cid, signed))
                sid = self.new_id("feedback_survey")
                surveys.append(self.survey_row(sid, cid, end))
                if end + timedelta(days=21) < self.today:
                    self.answerable_surveys.append((sid, end))
                closed = end + timedelta(days=30)
                yield {
                    "id": cid,
                    "number": f"PS-{signed.year}-{cid:06d}",
                    "offer_id": offer_id,
                    "signed_on": signed,
                    "start_date": start,
                    "end_date": end,
                    "value": price,
                    "status": status,
                    "closed_on": closed if status is ContractStatus.closed else None,
                    "commission_percent": Decimal(5),
                    "commission_amount": (price * Decimal("0.05")).quantize(
                        Decimal("0.01")
                    ),
                    "calendar_token": secrets.token_urlsafe(24),
                    **self.history(min(signed, self.today), self.author),
                }

        self.writer.write("service_contract", rows())
        self.writer.write("implementation_plan", plans)
        self.writer.write("feedback_survey", surveys)

    def contract_status(self, start: date, end: date) -> ContractStatus:
        if end < self.today - timedelta(days=60):
            return ContractStatus.closed
        if end < self.today:
            return ContractStatus.delivered
        if start < self.today:
            return ContractStatus.in_delivery
        return ContractStatus.in_preparation

    def plan_row(self, contract_id: int, signed: date) -> dict:
        agreed = signed + timedelta(days=7)
        return {
            "id": self.new_id("implementation_plan"),
            "contract_id": contract_id,
            "competence_goals": "Osallistujat hallitsevat uudet työtavat.",
            "contents": "Neljä lähipäivää ja verkkotehtävät.",
            "status": PlanStatus.agreed,
            "agreed_on": agreed,
            **self.history(min(agreed, self.today), self.author),
        }

    def survey_row(self, survey_id: int, contract_id: int, end: date) -> dict:
        return {
            "id": survey_id,
            "contract_id": contract_id,
            "kind": SurveyKind.final,
            "opens_on": end,
            "closes_on": end + timedelta(days=21),
            "question_set_id": self.question_set_id,
            **self.history(min(end, self.today), self.author),
        }

    def answers(self) -> None:
        surveys = self.answerable_surveys
        per_survey, extra = divmod(self.sizes.answers, max(len(surveys), 1))
        values = []
        scale = self.questions["scale"]
        recommendation = self.questions["recommendation"]

        def rows() -> Iterator[dict]:
            for index, (survey_id, opens) in enumerate(surveys):
                for _ in range(per_survey + (index < extra)):
                    aid = self.new_id("feedback_answer")
                    moment = self.stamp(opens + timedelta(days=self.rng.randint(0, 20)))
                    values.append(self.value_row(aid, scale, self.rng.randint(1, 5)))
                    values.append(
                        self.value_row(aid, recommendation, self.rng.randint(3, 10))
                    )
                    yield {
                        "id": aid,
                        "survey_id": survey_id,
                        "answered_on": moment,
                        "created_on": moment,
                        "changed_on": moment,
                        "created_by_fk": None,
                        "changed_by_fk": None,
                    }
                    if len(values) >= BATCH_ROWS * 4:
                        self.writer.write("feedback_value", values)
                        values.clear()

        self.writer.write("feedback_answer", rows())
        self.writer.write("feedback_value", values)

    def value_row(self, answer_id: int, question_id: int, score: int) -> dict:
        return {
            "id": self.new_id("feedback_value"),
            "answer_id": answer_id,
            "question_id": question_id,
            "score": score,
            "text": None,
        }

    def audit_log(self) -> None:
        record_ranges = {
            name: (self.first_id(name), self.next_ids.get(name, 2) - 1)
            for name in ("lead", "request_for_quotation", "offer", "service_contract")
        }
        types = {
            "lead": "Lead",
            "request_for_quotation": "RequestForQuotation",
            "offer": "Offer",
            "service_contract": "ServiceContract",
        }
        actions = [AuditAction.create, AuditAction.update, AuditAction.state_change]

        def rows() -> Iterator[dict]:
            for _ in range(self.sizes.audit_rows):
                moment = self.stamp(self.day_in_history())
                user = self.rng.choice(self.staff_ids)
                if self.rng.random() < 0.2:
                    yield self.audit_row(moment, AuditAction.login, user, None, None)
                    continue
                name = self.rng.choice(list(record_ranges))
                low, high = record_ranges[name]
                record = (types[name], self.rng.randint(low, high))
                yield self.audit_row(moment, self.rng.choice(actions), user, *record)

        self.writer.write("audit_event", rows())

    def first_id(self, name: str) -> int:
        return self.connection.scalar(sa.select(sa.func.min(table(name).c.id))) or 1

    def audit_row(self, moment, action, user_id, record_type, record_id) -> dict:
        changes = None
        if action is AuditAction.state_change:
            changes = {"status": ["published", "closed"]}
        return {
            "id": self.new_id("audit_event"),
            "occurred_on": moment,
            "action": action,
            "user_id": user_id,
            "username": f"koordinaattori{user_id}",
            "record_type": record_type,
            "record_id": record_id,
            "record_label": None if record_id is None else f"{record_type} {record_id}",
            "changes": changes,
            "remote_address": "127.0.0.1" if record_id is None else None,
        }


def create_staff(appbuilder) -> list[int]:
    """The coordinator's staff who own the leads: the demo's coordinator and
    a few colleagues with the same role and organisation."""
    from app.models.accounts import OperatorUser
    from app.security.role_names import COORDINATOR

    security = appbuilder.sm
    coordinator = security.find_user(username="coordinator")
    ids = [coordinator.id]
    for number in range(2, COORDINATOR_STAFF + 1):
        username = f"coordinator{number}"
        user = security.find_user(username=username) or security.add_user(
            username=username,
            first_name="Koordinaattori",
            last_name=str(number),
            email=f"{username}@vantaa.example",
            role=security.find_role(COORDINATOR),
            password=STAFF_PASSWORD,
        )
        db.session.get(
            OperatorUser, user.id
        ).organisation_id = coordinator.organisation_id
        ids.append(user.id)
    db.session.commit()
    return ids


def populate(appbuilder, sizes: Sizes) -> dict[str, int]:
    """Fill a migrated database holding the demo data with the city."""
    staff = create_staff(appbuilder)
    with db.engine.begin() as connection:
        counts = CityData(connection, sizes).generate(staff)
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect().execution_options(
            isolation_level="AUTOCOMMIT"
        ) as connection:
            connection.execute(sa.text("ANALYZE"))
    else:
        with db.engine.begin() as connection:
            connection.execute(sa.text("ANALYZE"))
    return counts
