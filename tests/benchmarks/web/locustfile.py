"""Load for the web benchmark (scripts/bench): signed-in users of four roles, each requesting
its own pages and, interleaved with them, the baseline page, in one run. The targets come from
prepare.py (BENCH_TARGETS names the file); queries per request come from the X-Queries header.
"""

import json
import os
import random
from collections import defaultdict

from locust import FastHttpUser, between, events, task

TARGETS = json.load(open(os.environ["BENCH_TARGETS"]))  # noqa: SIM115 - read once at start
QUERIES: dict[str, list[int]] = defaultdict(list)


@events.request.add_listener
def _count_queries(name, response, exception, **kwargs):
    if exception is None and response is not None:
        count = response.headers.get("X-Queries")
        if count is not None:
            QUERIES[name].append(int(count))


@events.quitting.add_listener
def _write_queries(environment, **kwargs):
    path = os.environ.get("BENCH_QUERIES")
    if path:
        with open(path, "w") as out:
            json.dump({name: sorted(counts) for name, counts in QUERIES.items()}, out)


class _Role(FastHttpUser):
    abstract = True
    wait_time = between(0.2, 0.8)
    role = ""

    def on_start(self) -> None:
        target = TARGETS[self.role]
        self.headers = {"Cookie": target["cookie"]}
        self.pages = list(target["pages"].items())
        self.baseline = target["baseline"]

    def _get(self, name: str, path: str) -> None:
        with self.client.get(path, headers=self.headers, name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code}")

    @task(3)
    def page(self) -> None:
        self._get(*random.choice(self.pages))  # noqa: S311 - load mix, not security

    @task(1)
    def baseline_page(self) -> None:
        self._get("baseline", self.baseline)


class Ib(_Role):
    role = "ib"
    weight = 4


class Partner(_Role):
    role = "partner"
    weight = 3


class Directeur(_Role):
    role = "directeur"
    weight = 1


class Trajectbegeleider(_Role):
    role = "trajectbegeleider"
    weight = 1
