"""A test client that behaves like a careful browser.

It posts forms with the page's CSRF token, and it checks every full HTML page it receives:
a language, a title, exactly one h1, unique ids, labels that point at fields, and forms with
an explicit method. Any test that visits a page gets these checks for free.
"""

from bs4 import BeautifulSoup
from flask.testing import FlaskClient


def csrf_token_from(html: str) -> str:
    field = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "csrf_token"})
    if field is None:
        raise AssertionError("the page has no form with a CSRF token")
    return field["value"]


def page_problems(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    root = soup.find("html")
    if root is None:
        return problems  # a fragment (htmx swap) is checked by its full-page twin
    if not root.get("lang"):
        problems.append("<html> has no lang")
    title = soup.find("title")
    if title is None or not title.get_text(strip=True):
        problems.append("the page has no title")
    headings = soup.find_all("h1")
    if len(headings) != 1:
        problems.append(f"the page has {len(headings)} h1 elements")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        problems.append(f"duplicate ids: {duplicates}")
    for label in soup.find_all("label", attrs={"for": True}):
        if label["for"] not in ids:
            problems.append(f"label for={label['for']!r} points at no element")
    for form in soup.find_all("form"):
        if not form.get("method"):
            problems.append("a form without a method")
        if form.get("method", "").lower() == "post" and not form.find(
            "input", attrs={"name": "csrf_token"}
        ):
            problems.append(f"a POST form without a CSRF token (action={form.get('action')!r})")
    return problems


class PortalClient(FlaskClient):
    def open(self, *args, **kwargs):
        response = super().open(*args, **kwargs)
        if response.mimetype == "text/html" and not response.is_streamed:
            problems = page_problems(response.get_data(as_text=True))
            if problems:
                raise AssertionError(f"{response.request.path}: " + "; ".join(problems))
        return response

    def post_form(self, url: str, data: dict | None = None, *, page: str | None = None, **kwargs):
        """GET the page that holds the form (default: `url`), then POST with its CSRF token."""
        shown = self.get(page or url, follow_redirects=True)
        token = csrf_token_from(shown.get_data(as_text=True))
        return self.post(url, data={**(data or {}), "csrf_token": token}, **kwargs)
