"""Questions people often ask, with the answer, as residents and the contact centre read them.

An answer belongs to one product (shown on that product's page) or to none ("algemeen",
shown on the general FAQ page). Only published answers are visible here; the texts are read
once per catalogue generation and language (`catalog.cache`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.catalog import cache, models
from portal.catalog import services as catalog
from portal.extensions import db

# The product choice for an answer that belongs to no product.
GENERAL = "algemeen"


@dataclass(frozen=True)
class Answer:
    slug: str
    product_slug: str | None
    question: str
    # Markdown (the safe subset); templates show it with the `markdown` filter.
    answer: str
    synonyms: tuple[str, ...]
    position: int
    locale: str


@dataclass(frozen=True)
class Group:
    """The answers about one product (or the general ones: product_slug None)."""

    product_slug: str | None
    product_name: str
    answers: tuple[Answer, ...]


def _load(locale: str) -> tuple[Answer, ...]:
    rows = db.session.scalars(
        select(models.Faq)
        .where(models.Faq.published.is_(True))
        .options(selectinload(models.Faq.texts))
        .order_by(models.Faq.position, models.Faq.slug)
    )
    answers = []
    for row in rows:
        by_locale = {text.locale: text for text in row.texts}
        # No English yet: the Dutch answer is better than none.
        text = by_locale.get(locale) or by_locale.get(catalog.DEFAULT_LOCALE)
        if text is None:
            continue
        answers.append(
            Answer(
                slug=row.slug,
                product_slug=row.product_slug,
                question=text.question,
                answer=text.answer,
                synonyms=tuple(text.synonyms or ()),
                position=row.position,
                locale=text.locale,
            )
        )
    return tuple(answers)


def published_answers(locale: str | None = None) -> tuple[Answer, ...]:
    locale = catalog._locale(locale)
    return cache.cached(f"faq:{locale}", lambda: _load(locale))


def for_product(product_slug: str, locale: str | None = None) -> list[Answer]:
    return [a for a in published_answers(locale) if a.product_slug == product_slug]


def general(locale: str | None = None) -> list[Answer]:
    return [a for a in published_answers(locale) if a.product_slug is None]


def groups(locale: str | None = None) -> list[Group]:
    """The FAQ page: general answers first, then per published product by product name.
    Answers of a product that is not published stay off the page, like the product."""
    answers = published_answers(locale)
    products = {p.slug: p.name for p in catalog.list_products(locale=catalog._locale(locale))}
    result = []
    general_answers = tuple(a for a in answers if a.product_slug is None)
    if general_answers:
        result.append(Group(None, "", general_answers))
    for slug, name in products.items():
        mine = tuple(a for a in answers if a.product_slug == slug)
        if mine:
            result.append(Group(slug, name, mine))
    return result
