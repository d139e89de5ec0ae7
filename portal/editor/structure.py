"""Accessibility of a Markdown text's structure: heading order, link texts and images
without a description. Reads the text with the same Markdown subset residents see
(portal.components.markdown), so what is checked is what is shown."""

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_parser.disable(["code", "fence", "html_block", "html_inline", "hr"])

# Link texts that do not say where a link goes, in Dutch and English; compared without
# case and punctuation.
VAGUE_LINK_TEXTS = {
    "klik hier",
    "klik",
    "hier",
    "lees meer",
    "lees verder",
    "verder lezen",
    "meer",
    "meer informatie",
    "meer info",
    "deze link",
    "link",
    "deze pagina",
    "click here",
    "here",
    "read more",
    "more",
    "more information",
    "this link",
}
_BARE_URL = re.compile(r"^(https?://|www\.|mailto:|tel:)\S*$", re.IGNORECASE)
_PUNCTUATION = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class Problem:
    code: str
    excerpt: str = ""
    detail: dict | None = None


def _inline_children(text: str):
    for token in _parser.parse(text):
        yield token, token.children or ()


def heading_problems(text: str) -> list[Problem]:
    """The first heading is ## (the page's title is the only #); no level is skipped."""
    found = []
    previous = None
    tokens = _parser.parse(text)
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        level = int(token.tag[1])
        title = tokens[index + 1].content if index + 1 < len(tokens) else ""
        if previous is None and level != 2:
            found.append(Problem("heading_start", f"{'#' * level} {title}"))
        elif previous is not None and level > previous + 1:
            found.append(
                Problem(
                    "heading_skip",
                    f"{'#' * level} {title}",
                    {
                        "previous": "#" * previous,
                        "wanted": "#" * (previous + 1),
                        "got": "#" * level,
                    },
                )
            )
        previous = level
    return found


def link_problems(text: str) -> list[Problem]:
    """Links without text, with a vague text, or with the bare address as their text."""
    found = []
    for _token, children in _inline_children(text):
        href, parts = None, []
        for child in children:
            if child.type == "link_open":
                href, parts = str(child.attrGet("href") or ""), []
            elif child.type == "link_close" and href is not None:
                found.extend(_link_text_problem(href, "".join(parts).strip()))
                href = None
            elif href is not None:
                parts.append(child.content or "")
    return found


def _link_text_problem(href: str, label: str) -> list[Problem]:
    normal = " ".join(_PUNCTUATION.sub(" ", label.lower()).split())
    if not normal:
        return [Problem("link_empty", href)]
    if normal in VAGUE_LINK_TEXTS or normal.startswith("klik hier"):
        return [Problem("link_vague", label)]
    if _BARE_URL.match(label) or label == href:
        return [Problem("link_bare", label)]
    return []


def images_without_alt(text: str) -> list[Problem]:
    found = []
    for _token, children in _inline_children(text):
        for child in children:
            if child.type != "image":
                continue
            alt = "".join(grand.content for grand in child.children or ())
            if not alt.strip():
                found.append(Problem("image_alt", str(child.attrGet("src") or "")))
    return found
