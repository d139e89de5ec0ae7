"""The published catalogue as plain, frozen data: what the pages and other areas read.

Two layers. Records hold one product or life event with the texts of every language, as
the database has them; they are what the per-process cache keeps (`catalog.services`),
because ORM rows cannot outlive their session or be shared between threads. Views
(`Product`, `LifeEvent`) are a record in one language, as a page shows it. The editor
builds a record from a draft to preview it, so a preview is the resident's own page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from portal.catalog.texts import handling_text
from portal.components.markdown import plain_text

DEFAULT_LOCALE = "nl"


@dataclass(frozen=True)
class Partner:
    """An organisation that handles a product for the municipality (handling level 5)."""

    name: str
    url: str
    phone: str
    email: str
    # Within how many working days they answer a question; None when they did not promise.
    answer_days: int | None = None


@dataclass(frozen=True)
class LifeEventLink:
    slug: str
    title: str


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    summary: str
    body: str
    who: str
    audiences: tuple[str, ...]
    min_levels: dict[str, str]
    cost_cents: int | None
    cost_text: str
    needs: tuple[str, ...]
    handling_level: int
    handling_level_max: int | None
    norm_working_days: int | None
    norm_weeks: int | None
    norm_text: str
    channel: str
    team: str
    partner: Partner | None
    contact_text: str
    synonyms: tuple[str, ...]
    life_events: tuple[LifeEventLink, ...]
    updated_at: datetime
    locale: str
    # "Ja, mits": when the answer is yes, provided that ... (Markdown).
    conditions: str = ""
    # Where the online route leads when it is not the product's own form.
    form_slug: str | None = None
    appointment_type: str | None = None
    report_category: str | None = None
    # For Samenwerkende Catalogi and the EU; not shown to residents.
    upl_uri: str | None = None
    sdg_code: str | None = None
    # For the contact centre only: never put this on a resident's page.
    staff_notes: str = ""

    @property
    def min_level(self) -> str | None:
        """The level the first-named audience needs; None when it needs no sign-in."""
        return self.min_level_for(self.audiences[0]) if self.audiences else None

    def min_level_for(self, audience: str) -> str | None:
        return self.min_levels.get(audience)

    @property
    def anonymous_allowed(self) -> bool:
        return "anonymous" in self.audiences

    @property
    def handling_text(self) -> str:
        return handling_text(self.handling_level, self.handling_level_max)


@dataclass(frozen=True)
class LifeEvent:
    slug: str
    title: str
    # Markdown: the life event's own page renders it.
    intro: str
    products: tuple[Product, ...] = field(default=())

    @property
    def intro_text(self) -> str:
        """The introduction without Markdown, for the cards on the list of life events."""
        return " ".join(plain_text(self.intro).split())


@dataclass(frozen=True)
class ProductTexts:
    """One language's texts of a product (the columns of ProductText)."""

    locale: str
    name: str
    summary: str
    body: str = ""
    who: str = ""
    cost_text: str = ""
    needs: tuple[str, ...] = ()
    norm_text: str = ""
    synonyms: tuple[str, ...] = ()
    contact_text: str = ""
    conditions: str = ""


TEXT_FIELDS = (
    "name",
    "summary",
    "body",
    "who",
    "cost_text",
    "needs",
    "norm_text",
    "synonyms",
    "contact_text",
    "conditions",
)


@dataclass(frozen=True)
class ProductRecord:
    """A product with the texts of every language. `slug` and `texts` are what
    `catalog.search.rank` reads, so search works on records as on rows."""

    slug: str
    audiences: tuple[str, ...]
    min_levels: dict[str, str]
    cost_cents: int | None
    handling_level: int
    handling_level_max: int | None
    norm_working_days: int | None
    norm_weeks: int | None
    channel: str
    team: str
    partner: dict | None
    updated_at: datetime
    texts: tuple[ProductTexts, ...]
    form_slug: str | None = None
    appointment_type: str | None = None
    report_category: str | None = None
    upl_uri: str | None = None
    sdg_code: str | None = None
    staff_notes: str = ""


@dataclass(frozen=True)
class LifeEventTexts:
    locale: str
    title: str
    intro: str


@dataclass(frozen=True)
class LifeEventRecord:
    slug: str
    position: int
    texts: tuple[LifeEventTexts, ...]
    # In the order a person would do them.
    product_slugs: tuple[str, ...]


def texts_for(texts: tuple, locale: str):
    """The texts in `locale`, else Dutch, else any; None when there are none."""
    by_locale = {text.locale: text for text in texts}
    return by_locale.get(locale) or by_locale.get(DEFAULT_LOCALE) or (texts[0] if texts else None)


def _merged_texts(texts: tuple[ProductTexts, ...], locale: str) -> ProductTexts:
    """The texts in `locale` with every empty field filled from Dutch: a translation the
    webteam has not finished shows the Dutch words rather than an empty section."""
    chosen = texts_for(texts, locale)
    dutch = texts_for(texts, DEFAULT_LOCALE)
    if chosen is None:
        return ProductTexts(locale=DEFAULT_LOCALE, name="", summary="")
    values = {name: getattr(chosen, name) or getattr(dutch, name) for name in TEXT_FIELDS}
    return ProductTexts(locale=chosen.locale, **values)


def _partner(values: dict | None) -> Partner | None:
    if not values:
        return None
    texts = (str(values.get(name) or "") for name in ("name", "url", "phone", "email"))
    return Partner(*texts, answer_days=_whole_number(values.get("answer_days")))


def _whole_number(value) -> int | None:
    # Stored as typed in the editor, like the partner's other facts: "10".
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def product_view(record: ProductRecord, locale: str, links: tuple[LifeEventLink, ...]) -> Product:
    text = _merged_texts(record.texts, locale)
    return Product(
        slug=record.slug,
        name=text.name,
        summary=text.summary,
        body=text.body,
        who=text.who,
        audiences=tuple(record.audiences),
        min_levels=dict(record.min_levels),
        cost_cents=record.cost_cents,
        cost_text=text.cost_text,
        needs=tuple(text.needs),
        handling_level=record.handling_level,
        handling_level_max=record.handling_level_max,
        norm_working_days=record.norm_working_days,
        norm_weeks=record.norm_weeks,
        norm_text=text.norm_text,
        channel=record.channel,
        team=record.team,
        partner=_partner(record.partner),
        contact_text=text.contact_text,
        synonyms=tuple(text.synonyms),
        life_events=links,
        updated_at=record.updated_at,
        locale=text.locale,
        conditions=text.conditions,
        form_slug=record.form_slug,
        appointment_type=record.appointment_type,
        report_category=record.report_category,
        upl_uri=record.upl_uri,
        sdg_code=record.sdg_code,
        staff_notes=record.staff_notes,
    )


def life_event_link(record: LifeEventRecord, locale: str) -> LifeEventLink:
    text = texts_for(record.texts, locale)
    return LifeEventLink(record.slug, text.title if text else record.slug)


def life_event_view(
    record: LifeEventRecord, locale: str, products: tuple[Product, ...]
) -> LifeEvent:
    text = texts_for(record.texts, locale)
    dutch = texts_for(record.texts, DEFAULT_LOCALE)
    title = (text.title or dutch.title) if text else record.slug
    intro = (text.intro or dutch.intro) if text else ""
    return LifeEvent(slug=record.slug, title=title, intro=intro, products=products)
