"""The load test's simulated people (run by scripts/bench_load.py, part of `make benchmark`).

Every user is a resident of Gemeente Voorbeeld who signs in with DigiD through the local OIDC
test provider (the persona "inwoner") and then, over and over, with a pause of 1 to 3 seconds
between pages as a person takes: browses the products, follows a case (Mijn zaken, the case,
the Berichtenbox), fills in a request (the register extract, to the end: a case is made),
starts a street report, or books an appointment (to the end: a slot is taken). Only
127.0.0.1 is ever asked for; the host is the gunicorn the runner started.

Pages with a token in their address are named by their pattern in the figures.

The users are FastHttpUser (geventhttpclient), not HttpUser (python-requests): Locust runs on
the same two cores as the portal, and the lighter client leaves more of them to the portal.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import requests
from html_forms import hidden_fields  # locust puts scripts/ on the path
from locust import FastHttpUser, between, task

PERSONA = "inwoner"
PRODUCT = "uittreksel-brp"
TYPE = "paspoort-id-aanvragen"
CASE_LINK = re.compile(r'href="(/mijn-zaken/Z-\d{4}-\d+)"')
TIME_VALUE = re.compile(r'name="tijd" value="([0-9T:-]+)"')


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Resident(FastHttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        """Sign in as a browser does. The provider's own pages stand in for DigiD and are
        not counted; the portal's redirect and callback are."""
        started = self.client.get("/inloggen/digid", allow_redirects=False)
        authorize = started.headers["Location"]
        if not authorize.startswith("http://127.0.0.1"):
            raise RuntimeError(f"the provider is not local: {authorize}")
        with requests.Session() as provider:
            provider.get(authorize, timeout=30)
            answer = provider.post(
                authorize,
                data={"persoon": PERSONA, "actie": "inloggen"},
                allow_redirects=False,
                timeout=30,
            )
        self.client.get(
            _path(answer.headers["Location"]),
            name="/inloggen/digid/callback",
            allow_redirects=False,
        )

    def _post(self, path: str, data: dict, name: str) -> str:
        """Show the form, send it with its hidden fields; returns where it sent us."""
        page = self.client.get(path, name=name)
        if page.status_code != 200:
            return path  # counted as an error already; a post without its form would be too
        answer = self.client.post(
            path, data={**hidden_fields(page.text), **data}, name=name, allow_redirects=False
        )
        return _path(answer.headers.get("Location", path))

    @task(4)
    def browse(self) -> None:
        self.client.get("/")
        self.client.get("/producten")
        self.client.get(f"/producten/{PRODUCT}", name="/producten/[slug]")

    @task(3)
    def follow_a_case(self) -> None:
        listing = self.client.get("/mijn-zaken")
        links = CASE_LINK.findall(listing.text)
        if links:
            self.client.get(links[0], name="/mijn-zaken/[number]")
        self.client.get("/berichten")

    @task(1)
    def fill_in_a_request(self) -> None:
        begun = self.client.get(f"/aanvragen/{PRODUCT}/beginnen", allow_redirects=False)
        step = _path(begun.headers["Location"])
        name = f"/aanvragen/{PRODUCT}/[token]/[step]"
        step = self._post(step, {}, name)
        step = self._post(step, {"soort": "huidig", "doel": "nederland"}, name)
        step = self._post(step, {"email": "inwoner@example.org", "telefoon": ""}, name)
        sent = self._post(step, {"verklaring": "y"}, f"/aanvragen/{PRODUCT}/[token]/controleren")
        self.client.get(sent, name=f"/aanvragen/{PRODUCT}/[token]/verstuurd")

    @task(1)
    def start_a_report(self) -> None:
        form = self.client.get("/melding")
        if form.status_code != 200:
            return
        time.sleep(3.5)  # a person types first; the form refuses a post within 3 s (gevent)
        answer = self.client.post(
            "/melding",
            data={
                **hidden_fields(form.text),
                "beschrijving": "De lantaarnpaal voor ons huis brandt al dagen niet.",
                "website": "",
            },
            allow_redirects=False,
        )
        if "Location" in answer.headers:
            self.client.get(_path(answer.headers["Location"]), name="/melding/[next step]")

    @task(1)
    def book_an_appointment(self) -> None:
        start = f"/afspraak/{TYPE}"
        times = self._post(start, {"personen": "1", "locatie": "gemeentehuis"}, start)
        page = self.client.get(times, name=f"{start}/tijd")
        if page.status_code != 200:
            return
        free = TIME_VALUE.findall(page.text)
        if not free:
            return
        chosen = {"personen": "1", "locatie": "gemeentehuis", "tijd": free[len(free) // 2]}
        with self.client.post(
            f"{start}/tijd",
            data={**hidden_fields(page.text), **chosen},
            name=f"{start}/tijd",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code == 409:
                # Someone else was quicker: the portal says so and offers other free times.
                answer.success()
                return
        if not answer.headers.get("Location", "").endswith("/gegevens"):
            return
        details = {"naam": "Fatima el Amrani", "email": "inwoner@example.org", "telefoon": ""}
        self._post(f"{start}/gegevens", details, f"{start}/gegevens")
        self._post(f"{start}/controleren", {}, f"{start}/controleren")
