"""Going through a form of several steps: fuzz the step, then fill it in plausibly to reach
the next one, as a person would. Used for product forms, reports and appointments."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

from tests.fuzz.harness import Field, fields_on, fuzz

# Where the last walks stopped, and why: shown when a test reaches fewer steps than it should.
STOPS: list = []
SOON = date.today() + timedelta(days=10)
_BY_NAME = (
    ("website", ""),  # the honeypot a person leaves empty
    ("email", "test@example.org"),
    ("telefoon", "0612345678"),
    ("phone", "0612345678"),
    ("postcode", "1234AB"),
    ("huisnummer", "12"),
    ("naam", "Sanne de Vries"),
    ("name", "Sanne de Vries"),
    ("-day", str(SOON.day)),
    ("-month", str(SOON.month)),
    ("-year", str(SOON.year)),
    ("aantal", "2"),
    ("dranghekken", "2"),
    ("kenteken", "AB-123-C"),
    ("aanslagnummer", "12345678"),
)


def plausible(fields: list[Field]) -> dict:
    """What a person would fill in: the first real option, a name, an address, a date soon."""
    data: dict[str, str] = {}
    for item in fields:
        options = [o for o in item.options if o]
        if item.kind == "file" or item.kind == "button":
            continue
        if options:
            data[item.name] = options[0]
        elif item.kind == "hidden" or item.value.strip():
            data[item.name] = item.value
        elif item.kind == "number":
            data[item.name] = "2"
        elif item.kind == "date":
            data[item.name] = SOON.isoformat()
        else:
            known = [value for key, value in _BY_NAME if key in item.name.lower()]
            data[item.name] = known[0] if known else "Een gewone tekst van een paar woorden."
    return data


def walk(client, start: str, max_steps: int = 10, stop_at: tuple[str, ...] = ()) -> list[str]:
    """Fuzz each step from `start` on, then go on with plausible answers; returns the paths
    of the steps fuzzed. Stops where plausible answers do not lead on, or at `stop_at`."""
    fuzzed: list[str] = []
    url = start
    for _ in range(max_steps):
        shown = client.get(url, follow_redirects=True)
        path = shown.request.path
        if shown.status_code != 200 or path in fuzzed or path.endswith(stop_at):
            break
        html = shown.get_data(as_text=True)
        try:
            fields = fields_on(html, path)
        except AssertionError:
            break
        fuzz(client, path, fields)
        fuzzed.append(path)
        # The fuzzing may have left the flow elsewhere: fill in the step once more, as shown now.
        again = client.get(path, follow_redirects=True)
        if again.request.path != path:
            url = again.request.path
            continue
        answer = client.post(path, data=plausible(fields_on(again.get_data(as_text=True), path)))
        if answer.status_code not in (302, 303):
            STOPS.append((path, answer.status_code, answer.get_data(as_text=True)[:3000]))
            break
        url = urlsplit(answer.location).path + (
            f"?{urlsplit(answer.location).query}" if urlsplit(answer.location).query else ""
        )
    return fuzzed
