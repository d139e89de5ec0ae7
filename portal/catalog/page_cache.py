"""Rendered catalogue pages for visitors, kept per process until the next publication.

Rendering the home page or a product page cost 10-30 times a bare response (the layout's
translations, links and macros), while for a visitor the page is the same for everyone who
asks for the same address in the same language. So the first visitor's page is kept, as
bytes, and later visitors get those bytes.

What a page shows must all be in the key, or never kept:
- the catalogue: the pages live inside the catalogue's copy (`catalog.cache`), so a
  publication anywhere drops them in every process, and content of a publication that did
  not commit is never kept;
- the address with its host and query string (the language links and "Inloggen" lead back
  to it), the language, and the htmx headers the search answers with a fragment;
- the notices that show now: a banner appears and ends on time, without a publication;
- outside production, the static files edited since `make assets` (they get plain names).
Never kept: anything for a signed-in person, a session that just ended (the page says so),
a preview, a page with pending flash messages, an answer other than 200, and a page whose
rendering touched the session or made a CSRF token (they belong to one browser).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from flask import Response, current_app, g, make_response, request, session

from portal import static_files
from portal.catalog import cache, notices
from portal.i18n import current_locale

NAME = "visitor_pages"
# Bounds: a search for every word in the dictionary must not fill the memory.
MAX_PAGES = 200
MAX_BYTES = 128 * 1024
HTMX_HEADERS = ("HX-Request", "HX-Target", "HX-Boosted", "HX-History-Restore-Request")
CSRF_G = "csrf_token"  # where Flask-WTF keeps the token it made for this request


@dataclass(frozen=True)
class _Page:
    body: bytes
    headers: tuple[tuple[str, str], ...]

    def response(self) -> Response:
        return Response(self.body, status=200, headers=list(self.headers))


class _Pages:
    """Least recently used first out; threads share it, hence the lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: OrderedDict[tuple, _Page] = OrderedDict()

    def get(self, key: tuple) -> _Page | None:
        with self._lock:
            page = self._items.get(key)
            if page is not None:
                self._items.move_to_end(key)
            return page

    def put(self, key: tuple, page: _Page) -> None:
        with self._lock:
            self._items[key] = page
            self._items.move_to_end(key)
            while len(self._items) > MAX_PAGES:
                self._items.popitem(last=False)


def _key() -> tuple | None:
    """What the page depends on, or None when this request's page must not be shared."""
    if not current_app.config.get("VISITOR_PAGE_CACHE", True) or request.method != "GET":
        return None
    if g.get("principal") is not None or g.get("session_ended") or g.get("ended_principal"):
        return None
    if g.get("catalog_preview") is not None or "_flashes" in session:
        return None
    locale = current_locale()
    showing = tuple(notice.slug for notice in notices.showing(locale))
    asked = tuple(request.headers.get(name, "") for name in HTMX_HEADERS)
    address = (request.scheme, request.host, request.path, request.query_string)
    edited = static_files.changed_files(current_app)
    return (request.endpoint, address, locale, asked, showing, edited)


def _keepable(response: Response) -> _Page | None:
    if response.status_code != 200 or response.mimetype != "text/html":
        return None
    if response.is_streamed or "Set-Cookie" in response.headers or session.modified:
        return None
    if CSRF_G in g:
        return None
    body = response.get_data()
    if len(body) > MAX_BYTES or b'name="csrf_token"' in body:
        return None
    headers = tuple((k, v) for k, v in response.headers.items() if k != "Content-Length")
    return _Page(body, headers)


def visitor_page(view: Callable) -> Callable:
    """Serve `view`'s page from the kept copy for visitors (see the module's rules)."""

    @wraps(view)
    def serve(*args, **kwargs):
        key = _key()
        if key is None:
            return view(*args, **kwargs)
        pages = cache.cached(NAME, _Pages)
        page = pages.get(key)
        if page is not None:
            return page.response()
        # A token made before the view (tests share one `g` across requests) must not hide
        # one the page itself asks for; Flask-WTF makes it again from the session's secret.
        earlier = g.pop(CSRF_G, None)
        response = make_response(view(*args, **kwargs))
        kept = _keepable(response)
        if kept is not None:
            pages.put(key, kept)
        if earlier is not None and CSRF_G not in g:
            setattr(g, CSRF_G, earlier)
        return response

    return serve
