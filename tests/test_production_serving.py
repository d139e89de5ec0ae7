"""The production way to run it: gunicorn serves the app factory with several processes, and
`flask worker` runs the background jobs in a process of its own.

Behind a load balancer, consecutive requests of one person land on different processes, even on
different machines: a sign-in started on one instance must finish on another, and a form
filled in on one must be sent from another. Nothing may live in one process's memory.
"""

import os
import re
import subprocess
import sys
import threading
import time
from contextlib import ExitStack, contextmanager
from itertools import cycle
from pathlib import Path
from urllib.parse import urlsplit

import requests
from bs4 import BeautifulSoup

from portal import worker
from portal.catalog import demo as catalog_demo
from portal.devtools import services
from portal.devtools.smtp_catcher import free_port
from portal.extensions import db
from portal.registries import demo as registries_demo
from tests.support.client import csrf_token_from

ROOT = Path(__file__).resolve().parent.parent
CASE_NUMBER = re.compile(r"Z-\d{4}-\d{6}")


def test_worker_starts_every_job_and_stops_on_request(app, monkeypatch):
    started = STARTED
    started.clear()
    monkeypatch.setattr(services, "BACKGROUND_JOBS", ["tests.test_production_serving:fake_job"])
    stop = threading.Event()
    thread = threading.Thread(target=worker.run_worker, args=(app, stop))
    thread.start()
    deadline = time.monotonic() + 5
    while not started and time.monotonic() < deadline:
        time.sleep(0.01)
    assert started == [app]
    assert thread.is_alive()
    stop.set()
    thread.join(timeout=5)
    assert not thread.is_alive()


STARTED: list = []


def fake_job(app) -> None:
    STARTED.append(app)


def test_the_worker_command_exists(runner):
    result = runner.invoke(args=["worker", "--help"])
    assert result.exit_code == 0
    assert "background jobs" in result.output


def test_gunicorn_serves_the_app_with_two_processes(database_url, tmp_path):
    port = free_port()
    with gunicorn(port, serving_env(database_url, tmp_path), workers=2) as errors:
        answers = _wait_for(f"http://127.0.0.1:{port}/healthz")
        assert answers.status_code == 200
        assert answers.json() == {"status": "ok"}
        home = requests.get(f"http://127.0.0.1:{port}/", timeout=30)
        assert home.status_code == 200
        assert "Gemeente Voorbeeld" in home.text
    assert errors.count(b"Booting worker") >= 2


def test_sign_in_request_and_case_across_two_instances(app, database_url, tmp_path):
    """Two gunicorn instances share only the secret key and the database, as two machines
    behind a load balancer do. Every request goes to the other instance than the one before,
    with the public host in the Host header; the person signs in, fills in a request and
    finds the case in Mijn zaken."""
    registries_demo.load()
    catalog_demo.load()
    db.session.commit()
    db.session.remove()
    ports = [free_port(), free_port()]
    public = f"127.0.0.1:{ports[0]}"
    provider = services.start_oidc_provider(f"http://{public}")
    env = {**serving_env(database_url, tmp_path), "OIDC_PROVIDER_URL": provider.url}
    try:
        with ExitStack() as instances:
            logs = [instances.enter_context(gunicorn(port, env)) for port in ports]
            for port in ports:
                _wait_for(f"http://127.0.0.1:{port}/healthz")
            walk = TwoInstances(ports, public)
            case_number = walk.sign_in_and_request()
            cases = walk.get("/mijn-zaken")
            assert cases.status_code == 200
            assert case_number in cases.text
            assert walk.served_by == {ports[0], ports[1]}
    finally:
        provider.stop()
    for log in logs:
        assert b" 500 " not in log, log.decode()[-2000:]


class TwoInstances:
    """A browser whose requests a load balancer sends to two instances in turn."""

    def __init__(self, ports: list[int], public: str) -> None:
        self.ports = cycle(ports)
        self.public = public
        self.served_by: set[int] = set()
        self.browser = requests.Session()

    def get(self, path: str) -> requests.Response:
        return self._send("GET", path)

    def post_form(self, path: str, data: dict) -> requests.Response:
        token = csrf_token_from(self.get(path).text)
        return self._send("POST", path, data={**data, "csrf_token": token})

    def _send(self, method: str, path: str, **kwargs) -> requests.Response:
        port = next(self.ports)
        self.served_by.add(port)
        headers = {"Host": self.public, "Origin": f"http://{self.public}"}
        return self.browser.request(
            method,
            f"http://127.0.0.1:{port}{path}",
            headers=headers,
            allow_redirects=False,
            timeout=30,
            **kwargs,
        )

    def sign_in_and_request(self) -> str:
        started = self.get("/inloggen/digid")
        assert started.status_code == 302, started.text[:500]
        authorize = started.headers["Location"]
        with requests.Session() as at_provider:
            assert at_provider.get(authorize, timeout=30).status_code == 200
            answer = at_provider.post(
                authorize,
                data={"persoon": "inwoner", "actie": "inloggen"},
                allow_redirects=False,
                timeout=30,
            )
        back = urlsplit(answer.headers["Location"])
        assert back.netloc == self.public
        signed_in = self.get(f"{back.path}?{back.query}")  # the other instance finishes it
        assert signed_in.status_code in (302, 303), signed_in.text[:500]

        step = _path(self.get("/aanvragen/uittreksel-brp/beginnen"))
        for answers in ({}, {"soort": "huidig", "doel": "nederland"}, {"email": "f@example.org"}):
            step = _path(self.post_form(step, answers))
        assert step.rstrip("/").endswith("controleren")
        sent = self.post_form(step, {"verklaring": "y"})
        if "/test-betaalprovider/" in sent.headers.get("Location", ""):
            # The extract has a fee: paid at the local test provider, back on either instance.
            paid = self.post_form(_path(sent), {"uitkomst": "paid"})
            sent = self.get(_path(paid))
        assert sent.status_code in (302, 303) and sent.headers["Location"].endswith("/verstuurd")
        confirmation = self.get(_path(sent))
        assert confirmation.status_code == 200
        return _case_number(confirmation.text)


def _path(response: requests.Response) -> str:
    assert response.status_code in (302, 303), response.text[:500]
    location = urlsplit(response.headers["Location"])
    return location.path + (f"?{location.query}" if location.query else "")


def _case_number(html: str) -> str:
    text = " ".join(BeautifulSoup(html, "html.parser").stripped_strings)
    return CASE_NUMBER.search(text).group(0)


def serving_env(database_url: str, tmp_path: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "gunicorn-test-secret-key-0123456789abcdef",
        "GUNICORN_THREADS": "2",
        "FILE_STORE_PATH": str(tmp_path / "files"),
        "SMTP_PORT": "1",  # nothing listens; mail waits in the outbox for the worker
    }


@contextmanager
def gunicorn(port: int, env: dict, workers: int = 1):
    """gunicorn on the port until the block ends; yields its log (filled in at the end) and
    checks that it stopped cleanly."""
    binary = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(binary), "-c", "gunicorn.conf.py", "portal.wsgi:app"],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(workers)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    log = bytearray()
    try:
        yield log
    finally:
        process.terminate()
        # gunicorn finishes requests in flight first; a loaded CI machine needs a while.
        _, errors = process.communicate(timeout=90)
        log.extend(errors)
    assert process.returncode == 0, errors.decode()[-2000:]


def _wait_for(url: str) -> requests.Response:
    deadline = time.monotonic() + 30
    while True:
        try:
            return requests.get(url, timeout=30)
        except (requests.ConnectionError, requests.Timeout):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
