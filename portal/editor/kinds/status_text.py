"""What a resident reads under "Wat gebeurt er nu?" on a case, per product and status.

The key is "<product_slug>:<status>" for every product and every status of a case; the
items exist already (the general text of `cases.texts.WHAT_HAPPENS_NEXT`), so the webteam
cannot add any. Withdrawing deletes the product's own text: the general text shows again.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from portal.cases.models import StatusText
from portal.cases.texts import STATUS_LABELS, STATUS_ORDER, WHAT_HAPPENS_NEXT
from portal.editor.kinds import content_support as support
from portal.editor.kinds.base import LOCALES, SOURCE_LOCALE, ContentKind, Field, LiveEntry
from portal.extensions import db

EXAMPLE_NUMBER = "Z-2026-000123"


def split_key(key: str) -> tuple[str, str] | None:
    """(product_slug, status) for a key of a product that exists, else None."""
    product, _sep, status = (key or "").partition(":")
    if status not in STATUS_ORDER or product not in support.product_names():
        return None
    return product, status


class StatusTextKind(ContentKind):
    name = "status_text"
    label = _l("Teksten bij de status van een zaak")
    label_one = _l("Tekst bij een status")
    title_field = "text"
    can_create = False
    can_withdraw = True
    fields = (
        Field(
            "text",
            _l("Wat gebeurt er nu?"),
            "text",
            localized=True,
            required=True,
            max_length=600,
            hint=_l(
                "Inwoners lezen dit op de pagina van hun zaak. Zeg wat er nu gebeurt en "
                "of zij iets moeten doen."
            ),
        ),
    )

    @support.staff_language
    def title(self, data: dict, key: str = "") -> str:
        parts = split_key(key)
        if parts is None:
            return key
        product, status = parts
        return f"{support.product_names()[product]}: {STATUS_LABELS[status]}"

    # --- reading ---

    @support.staff_language
    def list_live(self) -> list[LiveEntry]:
        own = {
            (row.product_slug, row.status): row.updated_at
            for row in db.session.scalars(
                select(StatusText).where(StatusText.locale == SOURCE_LOCALE)
            )
        }
        return [
            LiveEntry(
                f"{slug}:{status}",
                f"{name}: {STATUS_LABELS[status]}",
                (slug, status) in own,
                own.get((slug, status)),
            )
            for slug, name in support.product_names().items()
            for status in STATUS_ORDER
        ]

    def load_live(self, key: str) -> dict | None:
        """The product's own text, or the general one it starts from."""
        parts = split_key(key)
        if parts is None:
            return None
        product, status = parts
        rows = db.session.scalars(
            select(StatusText).where(
                StatusText.product_slug == product, StatusText.status == status
            )
        )
        own = {row.locale: row.text for row in rows}
        data = self.empty()
        for locale in LOCALES:
            if own.get(locale):
                data["texts"][locale]["text"] = own[locale]
            elif not own:
                with force_locale(locale):
                    data["texts"][locale]["text"] = str(WHAT_HAPPENS_NEXT[status])
        return data

    # --- writing ---

    @support.staff_language
    def apply(self, key: str, data: dict) -> None:
        parts = split_key(key)
        if parts is None:
            raise ValueError(_("Dit product of deze status bestaat niet meer."))
        extra = {}
        if not support.text(data, SOURCE_LOCALE, "text"):
            extra["nl-text"] = _("Vul de tekst in het Nederlands in.")
        support.refuse(self, key, data, extra)
        product, status = parts
        existing = {
            row.locale: row
            for row in db.session.scalars(
                select(StatusText).where(
                    StatusText.product_slug == product, StatusText.status == status
                )
            )
        }
        now = support.now_utc()
        for locale in LOCALES:
            text = support.text(data, locale, "text")
            row = existing.get(locale)
            if not text:
                # No English: English readers see the general English text.
                if row is not None:
                    db.session.delete(row)
                continue
            if row is None:
                row = StatusText(product_slug=product, status=status, locale=locale)
                db.session.add(row)
            row.text = text
            row.updated_at = now
        db.session.flush()

    @support.staff_language
    def withdraw(self, key: str) -> None:
        parts = split_key(key)
        if parts is None:
            raise ValueError(_("Dit product of deze status bestaat niet meer."))
        product, status = parts
        db.session.execute(
            delete(StatusText).where(
                StatusText.product_slug == product, StatusText.status == status
            )
        )
        db.session.flush()

    # --- preview ---

    def preview(self, key: str, data: dict, locale: str) -> str:
        parts = split_key(key)
        if parts is None:
            raise ValueError(_("Dit product of deze status bestaat niet meer."))
        product, status = parts

        def render() -> str:
            shown = support.text(data, locale, "text")
            if not shown:
                shown = str(WHAT_HAPPENS_NEXT[status])
            return render_template(
                "cases/status_preview.html",
                product_name=_product_name(product),
                number=EXAMPLE_NUMBER,
                status_label=STATUS_LABELS[status],
                next_text=shown,
            )

        return support.in_locale(locale, render)


def _product_name(slug: str) -> str:
    from portal.catalog import services as catalog

    product = catalog.get_product(slug)
    return product.name if product else support.product_names().get(slug, slug)


KIND = StatusTextKind()
