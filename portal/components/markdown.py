"""The safe Markdown subset the webteam writes in: paragraphs, headings (##, ###, ####),
lists, bold, italic, links and images with alt text. No raw HTML.

Two guards: `problems` refuses unsafe text when it is saved (with a B1 message per problem),
and `render` sanitizes again when it is shown, so even a row written around the editor
cannot put script on a page.
"""

import html as html_module
import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {"p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "img", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt"}}
URL_SCHEMES = {"https", "mailto", "tel"}
# Host names that only make sense inside the municipality's own network.
INTERNAL_SUFFIXES = (".local", ".internal", ".intranet", ".lan", ".corp", ".localhost")
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?\s*>")
HTML_COMMENT = re.compile(r"<!--")
# Markdown-it refuses to make links of these, so they are not in the parsed links; a text
# that holds one is still refused, with the reason.
SCRIPT_SCHEME = re.compile(r"\b(javascript|vbscript|data|file)\s*:", re.IGNORECASE)

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
# Code blocks and fences have no place in resident texts; indented text stays a paragraph.
_parser.disable(["code", "fence", "html_block", "html_inline", "hr"])


@dataclass(frozen=True)
class Problem:
    code: str
    message: LazyString
    excerpt: str = ""

    def __str__(self) -> str:
        return f"{self.message} ({self.excerpt})" if self.excerpt else str(self.message)


MESSAGES = {
    "raw_html": _l("Gebruik geen HTML-code. Schrijf de opmaak in Markdown, bijvoorbeeld **vet**."),
    "unsafe_link": _l("Deze link is niet veilig. Een link begint met https://, mailto: of tel:."),
    "not_https": _l(
        "Gebruik een link die begint met https://. Een link met http:// is niet veilig."
    ),
    "internal_link": _l(
        "Deze link gaat naar een adres binnen het netwerk van de gemeente. "
        "Inwoners kunnen dat niet openen."
    ),
    "image_alt": _l(
        "Deze afbeelding heeft geen beschrijving (alt-tekst). Schrijf tussen de [ ] wat er op "
        "de afbeelding staat."
    ),
    "image_source": _l("Een afbeelding moet van /static/ of van een https://-adres komen."),
}


def _problem(code: str, excerpt: str = "") -> Problem:
    return Problem(code, MESSAGES[code], excerpt[:80])


def link_problem(url: str) -> str | None:
    """The problem code of a link target, or None when a resident can safely follow it."""
    url = url.strip()
    if url.startswith("/") and not url.startswith("//"):
        return None  # a page of the portal itself
    if url.startswith("#"):
        return None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "http":
        return "not_https"
    if scheme not in URL_SCHEMES:
        return "unsafe_link"
    if scheme != "https":
        return None
    host = (parts.hostname or "").lower()
    if not host:
        return "unsafe_link"
    if _is_internal_host(host):
        return "internal_link"
    return None


def _is_internal_host(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host or host.endswith(INTERNAL_SUFFIXES)
    return not address.is_global


def _links(text: str) -> list[tuple[str, str, str | None]]:
    """(kind, target, alt) for every link and image in the text; alt is None for links."""
    found = []
    for token in _parser.parse(text):
        for child in token.children or ():
            if child.type == "link_open":
                found.append(("link", str(child.attrGet("href") or ""), None))
            elif child.type == "image":
                alt = "".join(grand.content for grand in child.children or ())
                found.append(("image", str(child.attrGet("src") or ""), alt))
    return found


def problems(text: str) -> list[Problem]:
    """What makes a text unsafe or inaccessible to publish; empty when it may be saved."""
    if not text:
        return []
    found: list[Problem] = []
    raw = RAW_HTML.search(text) or HTML_COMMENT.search(text)
    if raw:
        found.append(_problem("raw_html", raw.group(0)))
    scheme = SCRIPT_SCHEME.search(text)
    if scheme:
        found.append(_problem("unsafe_link", scheme.group(0)))
    for kind, target, alt in _links(text):
        if kind == "image":
            if not (alt or "").strip():
                found.append(_problem("image_alt", target))
            own = target.startswith("/static/")
            outside = target.startswith("https://") and link_problem(target) is None
            if not (own or outside):
                found.append(_problem("image_source", target))
            continue
        code = link_problem(target)
        if code:
            found.append(_problem(code, target))
    return found


def render(text: str | None) -> Markup:
    """The text as sanitized HTML; links to other sites get rel="noopener noreferrer"."""
    if not text:
        return Markup("")
    html = _parser.render(text)
    # Headings start at h2: the page's own title is the h1.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    html = re.sub(r"<(/?)h[56]>", r"<\1h4>", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(clean)  # noqa: S704 - nh3 allowed only the tags and links above


def plain_text(text: str | None) -> str:
    """The words of the text without Markdown, for checks and search."""
    if not text:
        return ""
    html = _parser.render(text)
    stripped = nh3.clean(html, tags={"p", "li", "h2", "h3", "h4"}, attributes={})
    stripped = re.sub(r"</(p|li|h2|h3|h4)>", "\n", stripped)
    stripped = re.sub(r"<[^>]+>", "", stripped)
    return re.sub(r"\n{2,}", "\n", html_module.unescape(stripped)).strip()


def init_app(app) -> None:
    app.add_template_filter(render, "markdown")
