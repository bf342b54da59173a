"""Scale-out, as production runs it: the deployment step started from two hosts
at once, then two gunicorn web workers and two schedulers over one PostgreSQL
database, sharing one Redis for rate limits and one mail server. Every reminder
reaches the mail server once, no permission row is written twice, both web
workers serve signed-in users and every process is still running at the end.

PostgreSQL only: several hosts cannot share a SQLite file. Without redis-server
the test is skipped, unless REQUIRE_REDIS is set (as in CI).
"""

import os
import re
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from itertools import islice
from pathlib import Path

import pytest
import redis
import requests
from sqlalchemy import text
from stdnum.fi import ytunnus

from app.demo.loader import DEMO_LOGINS, demo_password, load_demo_data
from app.extensions import db
from app.models import (
    FeedbackSurvey,
    Organisation,
    OutboxMessage,
    OutboxStatus,
    Participant,
    ServiceContract,
    SurveyKind,
)
from app.security.bootstrap import bootstrap_security
from app.services.clock import local_now
from app.services.feedback_results import default_question_set
from app.services.reminders.defaults import ensure_default_rules
from app.services.reminders.tick import run_reminders
from app.services.standing_themes import ensure_standing_themes
from tests.conftest import build_app
from tests.databases import drop_database, fresh_database, uses_postgresql
from tests.local_services import (
    free_port,
    redis_server_program,
    wait_until_listening,
)
from tests.path_records import new_contract
from tests.smtp import start_smtp_server
from tests.test_reminders import lead_due

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(
        not uses_postgresql(),
        reason="scale-out needs PostgreSQL (several hosts cannot share a SQLite "
        "file); run with DATABASE_URL=postgresql://…",
    ),
]

ROOT = Path(__file__).resolve().parent.parent
FLASK = [sys.executable, "-m", "flask", "--app", "run"]
LEADS_DUE = 6
NEED_FORMS = 3  # the need form takes 5 posts an hour from one address
PAGES_PER_LOGIN = 6
MAIL_WAIT_SECONDS = 60
SCHEDULERS = ("scheduler-1", "scheduler-2")
# Each access log line: worker pid, the demo login asking, status, method, path.
ACCESS_LOG_FORMAT = "%(p)s %({x-demo-login}i)s %(s)s %(m)s %(U)s"
PERMISSION_TABLES = {
    "ab_permission": "name",
    "ab_view_menu": "name",
    "ab_permission_view": "permission_id, view_menu_id",
    "ab_permission_view_role": "permission_view_id, role_id",
    "ab_role": "name",
}


class Processes:
    """The processes this test starts, each writing to a log file of its own;
    :meth:`stop_all` ends every one of them."""

    def __init__(self, folder: Path, environment: dict[str, str]) -> None:
        self.folder = folder
        self.environment = environment
        self.started: dict[str, subprocess.Popen] = {}

    def start(self, name: str, command: list[str]) -> subprocess.Popen:
        with self.log(name).open("wb") as log:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.started[name] = process
        return process

    def run_together(self, names: list[str], command: list[str]) -> None:
        """Start one process per name at the same moment and wait for all;
        each must succeed."""
        running = [self.start(name, command) for name in names]
        for name, process in zip(names, running, strict=True):
            code = process.wait(timeout=120)
            assert code == 0, f"{name} failed ({code}):\n{self.output(name)}"

    def log(self, name: str) -> Path:
        return self.folder / f"{name}.log"

    def output(self, name: str) -> str:
        return self.log(name).read_text(errors="replace")

    def alive(self, names: list[str]) -> dict[str, bool]:
        return {name: self.started[name].poll() is None for name in names}

    def stop_all(self) -> None:
        for process in self.started.values():
            if process.poll() is None:
                process.terminate()
        for process in self.started.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


@pytest.fixture
def app(tmp_path):
    """An app over a database of its own, empty: the test deploys it."""
    url = fresh_database(tmp_path, "scale_out")
    application = build_app(url)
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()
    drop_database(url)


def test_two_web_workers_and_two_schedulers_send_every_reminder_once(tmp_path, app):
    redis_server = redis_server_program()
    redis_port, web_port, mail_port = free_port(), free_port(), free_port()
    redis_url = f"redis://127.0.0.1:{redis_port}"
    processes = Processes(
        tmp_path,
        {
            **os.environ,
            "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
            "SECRET_KEY": "scale-out-test-secret",  # the same on every host
            "RATELIMIT_STORAGE_URI": redis_url,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(mail_port),
            "MAIL_BACKEND": "smtp",
            "MAIL_SUPPRESS_SEND": "0",
            "MAIL_TIMEOUT": "5",
            "PUBLIC_URL": "https://operaattori.example",
            "SCHEDULER_TICK_SECONDS": "1",
        },
    )
    mail_server, inbox = start_smtp_server(mail_port)
    try:
        deployed = _deploy_from_two_hosts(processes, app)
        processes.start(
            "redis",
            [redis_server, "--port", str(redis_port), "--save", "", "--appendonly",
             "no", "--daemonize", "no"],
        )  # fmt: skip
        processes.start(
            "web",
            [sys.executable, "-m", "gunicorn", "--workers", "2",
             "--bind", f"127.0.0.1:{web_port}", "--graceful-timeout", "5",
             "--access-logfile", str(tmp_path / "access.log"),
             "--access-logformat", ACCESS_LOG_FORMAT, "run:app"],
        )  # fmt: skip
        for scheduler in SCHEDULERS:
            processes.start(scheduler, FLASK + ["scheduler", "run"])
        wait_until_listening(redis_port, processes.started["redis"])
        wait_until_listening(web_port, processes.started["web"])
        _wait_until_ticking(processes)

        # The due records appear while both schedulers tick, so that both
        # find them and both try to queue and send them.
        records = _due_records(app)
        served = _use_the_site(f"http://127.0.0.1:{web_port}", records["business_ids"])
        limits = redis.Redis.from_url(redis_url)
        assert limits.dbsize() > 0, "the workers count in the shared store"
        _wait_for_the_mail(app, inbox, processes)

        alive = processes.alive(["redis", "web", *SCHEDULERS])
        assert all(alive.values()), alive
    finally:
        processes.stop_all()
        mail_server.stop()

    _assert_both_workers_served_signed_in_users(served, tmp_path / "access.log")
    _assert_each_message_received_once(app, inbox.messages)
    _assert_the_due_reminders_were_sent(app, records)
    for scheduler in SCHEDULERS:
        log = processes.output(scheduler)
        assert log.count("Tick:") >= 3, f"{scheduler} ticked along:\n{log}"
        assert "The scheduler tick failed" not in log, log
    assert "Traceback" not in processes.output("web")
    assert _duplicated_permissions(app) == {}
    assert _permissions(app) == deployed, "web workers and schedulers sync nothing"


def _deploy_from_two_hosts(processes: Processes, app) -> set[tuple[str, str, str]]:
    """The deployment step as the deploy scripts of two hosts run it: each
    command twice at the same moment. Returns the permissions it made."""
    processes.run_together(["upgrade-1", "upgrade-2"], FLASK + ["db", "upgrade"])
    processes.run_together(["bootstrap-1", "bootstrap-2"], FLASK + ["bootstrap"])
    for name in ("upgrade-1", "upgrade-2", "bootstrap-1", "bootstrap-2"):
        assert "Traceback" not in processes.output(name), name
        assert "duplicate key" not in processes.output(name), name

    deployed = _permissions(app)
    _bootstrap_again(app)
    assert _permissions(app) == deployed, "the deployment left nothing undone"
    return deployed


def _wait_until_ticking(processes: Processes, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not all("Tick:" in processes.output(name) for name in SCHEDULERS):
        assert time.monotonic() < deadline, "both schedulers tick"
        assert all(processes.alive(list(SCHEDULERS)).values())
        time.sleep(0.2)


def _bootstrap_again(app) -> None:
    with app.app_context():
        bootstrap_security(app.appbuilder)
        ensure_default_rules()
        ensure_standing_themes()


def _permissions(app) -> set[tuple[str, str, str]]:
    """Every permission on every view, with the roles holding it, by name."""
    with app.app_context():
        rows = db.session.execute(
            text(
                "SELECT p.name, v.name, coalesce(r.name, '') FROM ab_permission_view"
                " pv JOIN ab_permission p ON p.id = pv.permission_id"
                " JOIN ab_view_menu v ON v.id = pv.view_menu_id"
                " LEFT JOIN ab_permission_view_role pvr"
                " ON pvr.permission_view_id = pv.id"
                " LEFT JOIN ab_role r ON r.id = pvr.role_id"
                " UNION SELECT '', '', name FROM ab_role"
            )
        )
        return {tuple(row) for row in rows}


def _duplicated_permissions(app) -> dict[str, list]:
    with app.app_context():
        found = {}
        for table, columns in PERMISSION_TABLES.items():
            rows = db.session.execute(
                text(
                    f"SELECT {columns}, count(*) FROM {table}"
                    f" GROUP BY {columns} HAVING count(*) > 1"
                )
            ).all()
            if rows:
                found[table] = rows
        return found


def _due_records(app) -> dict:
    """The demo data (which has reminders of its own due), leads due for
    follow-up today, and a contract signed two weeks ago without a plan whose
    feedback survey opens today."""
    with app.app_context():
        load_demo_data(app.appbuilder)
    today = local_now().date()
    leads = [lead_due(app, today) for _ in range(LEADS_DUE)]
    case = new_contract(app, signed_on=today - timedelta(days=14))
    with app.app_context():
        contract = db.session.get(ServiceContract, case.contract_id)
        participants = [f"osallistuja{n}-{contract.id}@example.com" for n in range(3)]
        for number, email in enumerate(participants):
            db.session.add(
                Participant(
                    contract=contract,
                    company_id=case.company_id,
                    first_name=f"Osallistuja{number}",
                    last_name="Skaalaus",
                    email=email,
                )
            )
        survey = FeedbackSurvey(
            contract=contract,
            kind=SurveyKind.interim,
            opens_on=today,
            closes_on=today + timedelta(days=14),
            question_set=default_question_set(),
        )
        db.session.add(survey)
        db.session.commit()
        return {
            "leads": leads,
            "survey": survey.id,
            "invitees": set(participants) | case.client_emails,
            "contract": case.contract_id,
            "providers": case.provider_emails,
            "business_ids": _free_business_ids(NEED_FORMS),
        }


def _csrf_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30)
    assert page.status_code == 200, url
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)


def _sign_in_and_browse(server: str, username: str) -> list[int]:
    """Sign in as a demo login and open the own account page a few times;
    returns the status of each page."""
    session = requests.Session()
    session.headers["X-Demo-Login"] = username
    token = _csrf_token(session, f"{server}/login/")
    signed_in = session.post(
        f"{server}/login/",
        data={"username": username, "password": demo_password(), "csrf_token": token},
        allow_redirects=False,
        timeout=30,
    )
    assert signed_in.status_code == 302, f"{username} could not sign in"
    statuses = []
    for _ in range(PAGES_PER_LOGIN):
        page = session.get(
            f"{server}/users/userinfo/", allow_redirects=False, timeout=30
        )
        statuses.append(page.status_code)
        assert page.status_code != 200 or username in page.text
    return statuses


def _send_need(server: str, business_id: str, number: int) -> int:
    """The public need form, whose confirmation the web worker sends itself."""
    session = requests.Session()
    session.headers["X-Demo-Login"] = "-"
    token = _csrf_token(session, f"{server}/need")
    answer = session.post(
        f"{server}/need",
        data={
            "csrf_token": token,
            "business_id": business_id,
            "company_name": f"Skaalaustesti {number} Oy",
            "first_name": "Liisa",
            "last_name": "Lomake",
            "email": f"tarve{number}-{business_id}@example.com",
            "need": "Trukkikortit varastotyöntekijöille.",
            "consent": "y",
        },
        timeout=30,
    )
    return answer.status_code


def _use_the_site(server: str, business_ids: list[str]) -> dict[str, list[int]]:
    """Every demo login signs in and browses while need forms come in, several
    at a time, so that both workers are busy."""
    logins = [username for username, *_rest in DEMO_LOGINS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        browsing = {
            username: pool.submit(_sign_in_and_browse, server, username)
            for username in logins
        }
        needs = [
            pool.submit(_send_need, server, business_id, number)
            for number, business_id in enumerate(business_ids)
        ]
        served = {username: future.result() for username, future in browsing.items()}
        assert [future.result() for future in needs] == [200] * NEED_FORMS
    return served


def _free_business_ids(count: int) -> list[str]:
    """Valid business ids no organisation has, for new companies."""
    taken = set(db.session.scalars(db.select(Organisation.business_id)))
    candidates = (
        f"{number:07d}-{check}"
        for number in range(3_200_000, 3_300_000)
        for check in range(10)
    )
    free = (c for c in candidates if ytunnus.is_valid(c) and c not in taken)
    return list(islice(free, count))


def _outbox(app) -> list[OutboxMessage]:
    with app.app_context():
        messages = db.session.scalars(
            db.select(OutboxMessage).order_by(OutboxMessage.id)
        ).all()
        db.session.expunge_all()
        return messages


def _wait_for_the_mail(app, inbox, processes: Processes) -> None:
    """Until nothing waits in the outbox and the mail server holds as many
    messages as were sent, then a few more ticks of both schedulers, in which
    a second copy would arrive."""
    deadline = time.monotonic() + MAIL_WAIT_SECONDS
    while time.monotonic() < deadline:
        outbox = _outbox(app)
        waiting = [m for m in outbox if m.status is not OutboxStatus.sent]
        if outbox and not waiting and len(inbox.messages) >= len(outbox):
            break
        time.sleep(0.5)
    start = _ticks(processes)
    while time.monotonic() < deadline:
        now = _ticks(processes)
        if all(now[name] - start[name] >= 2 for name in SCHEDULERS):
            break
        time.sleep(0.5)


def _ticks(processes: Processes) -> dict[str, int]:
    return {name: processes.output(name).count("Tick:") for name in SCHEDULERS}


def _assert_each_message_received_once(app, received) -> None:
    outbox = _outbox(app)
    assert outbox, "the schedulers queued the due reminders"
    assert {m.status for m in outbox} == {OutboxStatus.sent}
    message_ids = Counter(message["Message-ID"] for message in received)
    assert [key for key, count in message_ids.items() if count > 1] == []
    assert set(message_ids) == {m.message_id for m in outbox}
    assert Counter((m["To"], m["Subject"]) for m in received) == Counter(
        (m.recipient, m.subject) for m in outbox
    )


def _assert_the_due_reminders_were_sent(app, records: dict) -> None:
    """Each of the test's reminders was queued once, nothing due was left
    unqueued, and the reminders were of several kinds."""
    outbox = _outbox(app)
    keys = [m.key for m in outbox]
    for lead in records["leads"]:
        assert len([k for k in keys if f":lead_follow_up:lead-{lead}:" in k]) == 1
    survey = f":feedback_due:survey-{records['survey']}:"
    invited = [m.recipient for m in outbox if survey in m.key]
    assert sorted(invited) == sorted(records["invitees"])
    plan = f":plan_missing:contract-{records['contract']}:"
    reminded = [m.recipient for m in outbox if plan in m.key]
    assert sorted(reminded) == sorted(records["providers"])
    kinds = {key.split(":")[1] for key in keys if key.startswith("reminder:")}
    assert len(kinds) >= 4, kinds
    assert len([k for k in keys if k.startswith("need-received:")]) == NEED_FORMS
    with app.app_context():
        assert run_reminders() == 0, "the schedulers queued everything due"


def _assert_both_workers_served_signed_in_users(
    served: dict[str, list[int]], access_log: Path
) -> None:
    """Every page opened after signing in was served, and by both workers: a
    session begun at one worker was honoured by the other (one SECRET_KEY)."""
    assert all(status == 200 for pages in served.values() for status in pages)
    workers_by_login: dict[str, set[str]] = {}
    for line in access_log.read_text().splitlines():
        pid, login, status, _method, path = line.split(" ", 4)
        if path == "/users/userinfo/" and status == "200":
            workers_by_login.setdefault(login, set()).add(pid)
    workers = set().union(*workers_by_login.values())
    assert len(workers) == 2, workers_by_login
    assert any(len(pids) == 2 for pids in workers_by_login.values()), workers_by_login
