"""Finding the forms a signed-in person can reach: follow the links from a few start pages
(breadth first, within a path prefix) and keep one POST form per view."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from flask import current_app
from werkzeug.exceptions import HTTPException

from tests.fuzz.harness import Field, fields_on

# Forms that end the session or only switch the language are not what is fuzzed here.
NOT_FUZZED = ("/uitloggen", "/taal/")
# Links that answer a download or change state on GET.
NOT_FOLLOWED = ("/uitloggen", "/taal/", "/beginnen", "/export", ".pdf", ".ics", ".csv", "/bestand")


@dataclass
class FoundForm:
    endpoint: str
    page: str
    action: str
    fields: list[Field]


def _endpoint(path: str, method: str) -> str | None:
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, _args = adapter.match(path, method=method)
    except HTTPException:
        return None
    return endpoint


def forms_reachable(client, starts: list[str], prefixes: tuple[str, ...], max_pages=80):
    """One form per POST view under `prefixes`, found from `starts`; by endpoint."""
    seen_pages: set[str] = set()
    seen_views: dict[str, int] = {}
    found: dict[str, FoundForm] = {}
    queue = deque(starts)
    while queue and len(seen_pages) < max_pages:
        page = queue.popleft()
        if page in seen_pages:
            continue
        seen_pages.add(page)
        response = client.get(page)
        if response.status_code != 200 or response.mimetype != "text/html":
            continue
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        for form in soup.find_all("form"):
            action = urlsplit(form.get("action") or page).path
            if (form.get("method") or "").lower() != "post" or action.startswith(NOT_FUZZED):
                continue
            endpoint = _endpoint(action, "POST")
            if endpoint and endpoint not in found:
                fields = fields_on(str(form), None)
                found[endpoint] = FoundForm(endpoint, page, action, fields)
        for link in soup.find_all("a", href=True):
            href = urlsplit(link["href"])
            if href.netloc or not href.path.startswith(prefixes):
                continue
            if any(part in href.path for part in NOT_FOLLOWED):
                continue
            target = href.path + (f"?{href.query}" if href.query else "")
            # A few pages per view are enough (one case, one report stands for all).
            view = _endpoint(href.path, "GET")
            if view is None or seen_views.get(view, 0) >= 2:
                continue
            seen_views[view] = seen_views.get(view, 0) + 1
            queue.append(target)
    return found
