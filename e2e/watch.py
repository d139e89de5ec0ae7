"""What a browser test watches besides axe: requests that leave this machine and breaches
of the Content-Security-Policy. The `page` fixtures fail a test that caused either one."""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request

LOCAL_HOST = "127.0.0.1"


def is_outside(url: str) -> bool:
    """True for a request that leaves this machine (data: and blob: URLs stay in the page)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != LOCAL_HOST


@dataclass
class Watch:
    requests: list[str] = field(default_factory=list)
    csp_breaches: list[str] = field(default_factory=list)

    @property
    def outside(self) -> list[str]:
        return [url for url in self.requests if is_outside(url)]

    def problems(self) -> list[str]:
        problems = []
        if self.outside:
            problems.append(f"requests to outside {LOCAL_HOST}: {self.outside}")
        if self.csp_breaches:
            problems.append(f"Content-Security-Policy breaches: {self.csp_breaches}")
        return problems


def watch(page: Page) -> Watch:
    """Record every request the page's context makes and every CSP breach the page reports."""
    context = page.context
    seen = context.__dict__["_watch"] = Watch()

    def note_request(request: Request) -> None:
        seen.requests.append(request.url)

    def note_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            seen.csp_breaches.append(message.text)

    context.on("request", note_request)
    page.on("console", note_console)
    return seen


def watched(page: Page) -> Watch:
    """What `watch` recorded so far for this page's context."""
    return page.context.__dict__["_watch"]
