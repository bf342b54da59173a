"""The load test's user (locust): signs in as the coordinator through the
login form, then opens the list page named by ``BENCH_LIST_PATH`` again and
again. Locust puts this folder first on the path, so nothing of the app is
imported here: the password comes in ``BENCH_PASSWORD``."""

import os
import re

from locust import HttpUser, constant, task

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
LIST_PATH = os.environ.get("BENCH_LIST_PATH", "/leadview/list/")
PASSWORD = os.environ.get("BENCH_PASSWORD", "demo-salasana")


class Coordinator(HttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        page = self.client.get("/login/", name="login form").text
        token = CSRF_FIELD.search(page)
        self.client.post(
            "/login/",
            data={
                "username": "coordinator",
                "password": PASSWORD,
                "csrf_token": token.group(1) if token else "",
            },
            name="login",
        )

    @task
    def list_page(self) -> None:
        self.client.get(LIST_PATH, name="list")
