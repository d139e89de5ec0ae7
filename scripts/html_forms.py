"""The hidden fields of a page's forms (CSRF token, the report's anti-bot token), for the
benchmark and the load test, which post forms as a browser does."""

from html.parser import HTMLParser


class _Hidden(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = dict(attrs)
        if tag == "input" and values.get("type") == "hidden" and values.get("name"):
            self.values.setdefault(values["name"], values.get("value") or "")


def hidden_fields(html: str) -> dict[str, str]:
    parser = _Hidden()
    parser.feed(html)
    return parser.values
