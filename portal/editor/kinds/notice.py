"""Notices for a period: a banner on every resident page, or a note on one product's page.

The key is the notice's slug (`catalog_notice.slug`). Times are typed in Dutch local time
(Europe/Amsterdam) and stored in UTC; a notice shows from its start (empty: at once) until
its end, without a new publication (`catalog.notices`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from portal.catalog import models
from portal.catalog import notices as notice_service
from portal.catalog.previews import previewing
from portal.editor.kinds import content_support as support
from portal.editor.kinds.base import LOCALES, SOURCE_LOCALE, ContentKind, Field, LiveEntry
from portal.extensions import db

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 100
TEXT_FIELDS = ("title", "body")


def _placements() -> list[tuple[str, str]]:
    return [
        (notice_service.BANNER, _l("Balk bovenaan elke pagina")),
        (notice_service.PRODUCT, _l("Op de pagina van één product")),
    ]


def _levels() -> list[tuple[str, str]]:
    return [
        (notice_service.INFO, _l("Informatie")),
        (notice_service.WARNING, _l("Waarschuwing")),
    ]


class NoticeKind(ContentKind):
    name = "notice"
    label = _l("Mededelingen")
    label_one = _l("Mededeling")
    title_field = "title"
    fields = (
        Field("title", _l("Titel"), "line", localized=True, required=True, max_length=200),
        Field("body", _l("Tekst"), "markdown", localized=True, max_length=2000),
        Field("placement", _l("Waar staat het?"), "choice", required=True, choices=_placements),
        Field(
            "level",
            _l("Soort"),
            "choice",
            required=True,
            choices=_levels,
            hint=_l("Kies waarschuwing als iets niet kan of dicht is."),
        ),
        Field(
            "product_slug",
            _l("Product"),
            "choice",
            choices=support.product_choices,
            hint=_l("Alleen nodig als de mededeling op de pagina van één product staat."),
        ),
        Field(
            "starts_at",
            _l("Zichtbaar vanaf"),
            "datetime",
            hint=_l("Bijvoorbeeld 17-12-2026 08:00. Leeg: meteen na publiceren."),
        ),
        Field(
            "ends_at",
            _l("Zichtbaar tot"),
            "datetime",
            required=True,
            hint=_l(
                "Bijvoorbeeld 25-12-2026 00:00. Daarna staat de mededeling niet meer op de site."
            ),
        ),
        Field(
            "staff_notes",
            _l("Notities voor medewerkers"),
            "text",
            internal=True,
            hint=_l("Alleen medewerkers van het klantcontactcentrum zien dit."),
        ),
    )

    # --- reading ---

    def _row(self, key: str) -> models.Notice | None:
        return db.session.scalar(select(models.Notice).where(models.Notice.slug == key))

    def list_live(self) -> list[LiveEntry]:
        rows = db.session.scalars(
            select(models.Notice).order_by(models.Notice.starts_at.desc(), models.Notice.slug)
        )
        entries = []
        for row in rows:
            dutch = {t.locale: t for t in row.texts}.get(SOURCE_LOCALE)
            title = dutch.title if dutch else row.slug
            entries.append(LiveEntry(row.slug, title, row.published, row.updated_at))
        return entries

    def load_live(self, key: str) -> dict | None:
        row = self._row(key)
        if row is None:
            return None
        data = self.empty()
        data["facts"] = {
            "placement": row.placement,
            "level": row.level,
            "product_slug": row.product_slug or "",
            "starts_at": support.to_local(row.starts_at),
            "ends_at": support.to_local(row.ends_at),
            "staff_notes": row.staff_notes or "",
        }
        for text in row.texts:
            if text.locale in LOCALES:
                data["texts"][text.locale] = {"title": text.title, "body": text.body}
        return data

    # --- rules ---

    @support.staff_language
    def validate(self, key: str, data: dict) -> dict[str, str]:
        errors = support.english_consistency(data, ("title",))
        if support.text(data, "en", "body") and not support.text(data, "en", "title"):
            errors["en-title"] = _("Vul ook de Engelse titel in. Of maak de Engelse tekst leeg.")
        placement = support.fact(data, "placement")
        product = support.fact(data, "product_slug")
        if placement == notice_service.PRODUCT:
            if not product:
                errors["fact-product_slug"] = _("Kies op de pagina van welk product dit staat.")
            elif product not in support.product_names():
                errors["fact-product_slug"] = _("Dit product bestaat niet meer. Kies een ander.")
        starts = support.to_utc(support.fact(data, "starts_at"))
        ends = support.to_utc(support.fact(data, "ends_at"))
        if ends is not None and starts is not None and ends <= starts:
            errors["fact-ends_at"] = _(
                "Het einde moet na het begin liggen. Kies een later einde of een eerder begin."
            )
        elif ends is not None and ends <= support.now_utc():
            errors["fact-ends_at"] = _("Dit moment is al voorbij. Kies een einde in de toekomst.")
        return errors

    def _problems(self, key: str, data: dict) -> dict[str, str]:
        errors = {}
        if not SLUG.match(key or "") or len(key) > SLUG_MAX:
            errors["key"] = _("Deze mededeling heeft geen goede naam.")
        if not support.text(data, SOURCE_LOCALE, "title"):
            errors["nl-title"] = _("Vul de titel in het Nederlands in.")
        if support.to_utc(support.fact(data, "ends_at")) is None:
            errors["fact-ends_at"] = _("Vul in tot wanneer de mededeling op de site staat.")
        if support.fact(data, "placement") not in notice_service.PLACEMENTS:
            errors["fact-placement"] = _("Kies waar de mededeling staat.")
        if support.fact(data, "level") not in notice_service.LEVELS:
            errors["fact-level"] = _("Kies of het informatie of een waarschuwing is.")
        return errors

    # --- writing ---

    @support.staff_language
    def apply(self, key: str, data: dict) -> None:
        support.refuse(self, key, data, self._problems(key, data))
        row = self._row(key)
        if row is None:
            row = models.Notice(slug=key)
            db.session.add(row)
        placement = support.fact(data, "placement")
        row.placement = placement
        row.level = support.fact(data, "level")
        row.product_slug = (
            support.fact(data, "product_slug") if placement == notice_service.PRODUCT else None
        )
        row.starts_at = support.to_utc(support.fact(data, "starts_at"))
        row.ends_at = support.to_utc(support.fact(data, "ends_at"))
        row.staff_notes = str(support.fact(data, "staff_notes") or "").strip()
        row.published = True
        row.updated_at = support.now_utc()
        existing = {t.locale: t for t in row.texts}
        for locale in LOCALES:
            title = support.text(data, locale, "title")
            if not title:
                if locale in existing:
                    row.texts.remove(existing[locale])
                continue
            text = existing.get(locale) or models.NoticeText(locale=locale)
            text.title = title
            text.body = support.text(data, locale, "body")
            if locale not in existing:
                row.texts.append(text)
        db.session.flush()

    @support.staff_language
    def withdraw(self, key: str) -> None:
        row = self._row(key)
        if row is None:
            raise ValueError(_("Deze mededeling staat niet op de website."))
        row.published = False
        row.updated_at = support.now_utc()
        db.session.flush()

    # --- preview ---

    def draft_notice(self, key: str, data: dict, locale: str) -> notice_service.Notice:
        shown = locale if support.text(data, locale, "title") else SOURCE_LOCALE
        placement = support.fact(data, "placement") or notice_service.BANNER
        level = support.fact(data, "level")
        return notice_service.Notice(
            slug=key or "concept",
            placement=placement,
            level=level if level in notice_service.LEVELS else notice_service.INFO,
            product_slug=support.fact(data, "product_slug") or None,
            starts_at=support.to_utc(support.fact(data, "starts_at")),
            ends_at=support.to_utc(support.fact(data, "ends_at")),
            title=support.text(data, shown, "title"),
            body=support.text(data, shown, "body"),
            locale=shown,
        )

    def preview(self, key: str, data: dict, locale: str) -> str:
        """The page as residents will see it while the notice runs, whatever its dates."""
        notice = self.draft_notice(key, data, locale)

        def render() -> str:
            if notice.placement == notice_service.PRODUCT and notice.product_slug:
                with previewing(notice=notice):
                    try:
                        return support.view_page("catalog.product", slug=notice.product_slug)
                    except NotFound:
                        pass  # the product is not on the site: show the notice as a banner
            with previewing(notice=replace(notice, placement=notice_service.BANNER)):
                return support.view_page("main.home")

        return support.in_locale(locale, render)


KIND = NoticeKind()
