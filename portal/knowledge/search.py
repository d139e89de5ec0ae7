"""One search for the contact centre over products, FAQ answers and running notices.

Matching is the catalogue's (`portal.catalog.search`): the same words, synonyms, typo
tolerance and weights in every language, so a caller's "paspoort" finds here what it finds
for a resident. Products come through `portal.catalog.services.search`; FAQ answers and
notices are scored with `portal.catalog.search.match`. The three kinds are shown in groups,
each in its own order of relevance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from portal.catalog import services as catalog
from portal.catalog.search import clean_query, match, sort_key
from portal.components.markdown import plain_text
from portal.knowledge import content

PRODUCT, FAQ, NOTICE = "product", "faq", "notice"
KIND_LABELS = {
    PRODUCT: _l("Product"),
    FAQ: _l("Vraag en antwoord"),
    NOTICE: _l("Mededeling"),
}
# A result's summary in the list: enough to recognise it, not the whole answer.
EXCERPT = 200


@dataclass(frozen=True)
class Hit:
    kind: str
    key: str
    title: str
    excerpt: str

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


@dataclass(frozen=True)
class Results:
    q: str
    products: list[Hit] = field(default_factory=list)
    faqs: list[Hit] = field(default_factory=list)
    notices: list[Hit] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.products) + len(self.faqs) + len(self.notices)


def cleaned(q: str | None) -> tuple[str, bool]:
    """The query as it may be searched and shown: long numbers (a BSN) taken out, NUL and
    other control characters gone, at most 100 characters. True when a number was removed."""
    text = "".join(char if char.isprintable() else " " for char in (q or "")[:10_000])
    return clean_query(text)


def _excerpt(text: str) -> str:
    words = " ".join(plain_text(text).split())
    return words if len(words) <= EXCERPT else words[: EXCERPT - 1].rsplit(" ", 1)[0] + " …"


def _ranked(q: str, items: list, title) -> list:
    scored = []
    for item in items:
        matched, total = match(q, item.searchable)
        if matched:
            scored.append((-matched, -total, sort_key(title(item)), item))
    return [item for *_, item in sorted(scored, key=lambda row: row[:3])]


def find(q: str, locale: str) -> Results:
    """Everything that matches `q` (already `cleaned`), best match first within each kind."""
    if not q:
        return Results(q)
    products = [
        Hit(PRODUCT, product.slug, product.name, _excerpt(product.summary))
        for product in catalog.search(q, locale=locale)
    ]
    faqs = [
        Hit(FAQ, faq.slug, faq.question, _excerpt(faq.answer))
        for faq in _ranked(q, content.published_faqs(locale), lambda faq: faq.question)
    ]
    notices = [
        Hit(NOTICE, notice.slug, notice.title, _excerpt(notice.body))
        for notice in _ranked(q, content.active_notices(locale), lambda notice: notice.title)
    ]
    return Results(q, products, faqs, notices)


def running_notices(locale: str) -> list[Hit]:
    """Every notice that runs now: the contact centre reads them before the first call."""
    return [
        Hit(NOTICE, notice.slug, notice.title, _excerpt(notice.body))
        for notice in content.active_notices(locale)
    ]
