"""Posting generated values into every field of a form and checking the portal never answers
with a server error.

A form is found on its page (`fields_on`): the names of its inputs, selects and textareas,
with the options a select, radio or checkbox offers. `post_data` builds one example: each
field gets either a plausible value (an offered option, so later checks are reached too) or
an odd one (NUL and other control characters, right-to-left override, Unicode digits, a number
of 5,000 digits, a date that does not exist), is left out, or is sent several times.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from tests.fuzz.isolation import examples_rolled_back

# Fields the page itself handles (CSRF is off for the fuzz app) or that only steer a button.
SKIPPED = frozenset({"csrf_token"})

ODD_TEXT = (
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x00" * 20,
    "\x01\x02\x1b[31m\x7f",
    "\r\n\t\v\f",
    "\u202eevil\u202c",
    "\u200b\ufeff",
    "e\u0301",
    "😀" * 10,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%00",
    "\\",
    "x" * 5000,
)
ODD_NUMBERS = (
    "²",
    "①",
    "١٢٣",  # Arabic-Indic digits
    "۱۲",  # extended Arabic-Indic digits
    "१२",  # Devanagari digits
    "１２",  # full-width digits
    "9" * 5000,
    "-" + "9" * 5000,
    "0" * 300 + "1",
    "1e309",
    "-1",
    "0",
    "1.5",
    "1,5",
    "NaN",
    "inf",
    "-0",
    "+3",
    "0x1F",
    "2147483648",
    "99999999999999999999",
)
ODD_DATES = (
    "2024-02-30",
    "0000-00-00",
    "99999-01-01",
    "31-12-2024",
    "2024-13-01",
    "1900-01-01",
    "0001-01-01",
    "9999-12-31",
    "2024-02-29T25:61",
    "²",
    "24:00",
    "12:60",
    "-1",
)
ODD = ODD_TEXT + ODD_NUMBERS + ODD_DATES


@dataclass
class Field:
    name: str
    kind: str  # text, number, date, select, radio, checkbox, hidden, file, textarea, ...
    options: list[str] = field(default_factory=list)
    value: str = ""


def fields_on(html: str, action: str | None = None, *, skipped=SKIPPED) -> list[Field]:
    """The fields of the page's POST form that posts to `action` (the only or largest one when
    no action is given)."""
    soup = BeautifulSoup(html, "html.parser")
    forms = [f for f in soup.find_all("form") if (f.get("method") or "").lower() == "post"]
    if action is not None:
        forms = [f for f in forms if (f.get("action") or "").split("?")[0] in ("", action)]
    if not forms:
        raise AssertionError(f"no POST form for {action!r} on the page")
    form = max(forms, key=lambda f: len(f.find_all(["input", "select", "textarea"])))
    found: dict[str, Field] = {}
    for tag in form.find_all(["input", "select", "textarea"]):
        name = tag.get("name")
        if not name or name in skipped:
            continue
        kind = tag.get("type", "text") if tag.name == "input" else tag.name
        if kind in ("submit", "button", "image", "reset"):
            kind = "button"
        entry = found.setdefault(name, Field(name, kind))
        if tag.name == "select":
            entry.options += [o.get("value", o.get_text()) for o in tag.find_all("option")]
        elif kind in ("radio", "checkbox", "button"):
            entry.options.append(tag.get("value", "on"))
        else:
            entry.value = tag.get("value", tag.get_text() if tag.name == "textarea" else "")
    return list(found.values())


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
_DIGITS = st.integers(min_value=-(10**30), max_value=10**30).map(str)
# st.emails() draws real domain names and costs more than the post itself.
_EMAILS = st.builds(
    "{}@{}".format,
    st.text("abcxyz.+-_09", min_size=1, max_size=12),
    st.sampled_from(("example.org", "gemeente.nl", "a.b", "x" * 70 + ".nl", "[127.0.0.1]")),
)
# How often a field is sent: 0: left out; 1: once (most often); 2-3: the same name again.
_TIMES = st.sampled_from((1, 1, 1, 1, 0, 2, 3))
_BOOLEANS = st.booleans()
_EXTRA_NAME = st.sampled_from(("onbekend", "id", "__class__"))


def _plausible(item: Field) -> st.SearchStrategy[str]:
    choices = [o for o in item.options if o is not None]
    if choices:
        return st.sampled_from(choices)
    if item.kind == "hidden":
        return st.just(item.value)
    if item.kind == "number" or item.name.endswith(("-day", "-month", "-year")):
        return _DIGITS
    if item.kind == "date":
        return st.dates().map(lambda d: d.isoformat())
    if item.kind == "email":
        return _EMAILS
    return _TEXT


def _value(item: Field) -> st.SearchStrategy[str]:
    return st.one_of(_plausible(item), st.sampled_from(ODD), _TEXT)


_EXTRA_VALUE = _value(Field("extra", "text"))


def post_data(fields: list[Field]) -> st.SearchStrategy[MultiDict]:
    """One form's examples. The strategies are built once per form: building them anew for
    every draw cost more than the post itself."""
    values = [(item.name, _value(item)) for item in fields if item.kind != "file"]

    @st.composite
    def one_post(draw) -> MultiDict:
        pairs: list[tuple[str, str]] = []
        for name, value in values:
            pairs += [(name, draw(value)) for _ in range(draw(_TIMES))]
        if draw(_BOOLEANS) and draw(_BOOLEANS):
            pairs.append((draw(_EXTRA_NAME), draw(_EXTRA_VALUE)))
        return MultiDict(pairs)

    return one_post()


def fuzz(
    client,
    url: str,
    fields: list[Field],
    *,
    after: Callable | None = None,
) -> int:
    """Post generated data to `url` as many times as the Hypothesis profile says; every answer
    must be below 500. Each example starts from the same data (see isolation.py).
    `after(response, data)` may check more, inside the example. Returns the number of posts."""
    posts = 0
    started, cpu = time.perf_counter(), time.process_time()

    with examples_rolled_back(client) as example:

        @given(post_data(fields))
        def one(data: MultiDict) -> None:
            nonlocal posts
            posts += 1
            with example():
                response = client.post(url, data=data)
                assert response.status_code < 500, (url, data, response.status_code)
                if after is not None:
                    after(response, data)

        one()
    _record(url, posts, time.perf_counter() - started, time.process_time() - cpu)
    return posts


def _record(url: str, posts: int, seconds: float, cpu: float) -> None:
    """With FUZZ_TIMINGS=<file>: one line per fuzzed form, to see where the time goes."""
    path = os.environ.get("FUZZ_TIMINGS")
    if path:
        with open(path, "a", encoding="utf-8") as timings:
            timings.write(f"{seconds:8.2f} s {cpu:8.2f} s cpu {posts:5d} posts {url}\n")


def fuzz_page(client, page: str, action: str | None = None, **kwargs) -> int:
    """GET `page`, find the form that posts to `action` (default: the page), fuzz it."""
    shown = client.get(page, follow_redirects=True)
    assert shown.status_code == 200, (page, shown.status_code)
    target = action or shown.request.path
    return fuzz(client, target, fields_on(shown.get_data(as_text=True), target), **kwargs)


def fuzz_forms(client, found: dict, skip: tuple[str, ...] = (), *, before=None) -> list[str]:
    """Fuzz every form in `found` (see crawl.forms_reachable); returns what failed, one line
    per form, so one failing form does not hide the others."""
    failures = []
    for endpoint, form in sorted(found.items()):
        if endpoint in skip:
            continue
        if before is not None:
            before(form)
        try:
            fuzz(client, form.action, form.fields)
        except Exception as error:  # reported per form below, so one does not hide the rest
            failures.append(f"{endpoint} ({form.action}): {type(error).__name__}: {error}"[:2000])
    return failures
