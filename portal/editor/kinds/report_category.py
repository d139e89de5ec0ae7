"""The words of report categories (meldingen): name, the hint that helps a resident choose,
and the keywords the classifier weighs.

The key is the category's slug. The webteam edits only these texts; which categories exist,
their team, norm and whether they are active belong to functional administration, so the
webteam cannot add or withdraw one.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.editor.kinds import content_support as support
from portal.editor.kinds.base import SOURCE_LOCALE, ContentKind, Field, LiveEntry
from portal.extensions import db
from portal.reports.models import ReportCategory

NAME_MAX = 100
HINT_MAX = 300
KEYWORD_MAX = 60


class ReportCategoryKind(ContentKind):
    name = "report_category"
    label = _l("Soorten meldingen")
    label_one = _l("Soort melding")
    title_field = "name"
    can_create = False
    can_withdraw = False
    fields = (
        Field("name", _l("Naam"), "line", localized=True, required=True, max_length=NAME_MAX),
        Field(
            "hint",
            _l("Uitleg bij de keuze"),
            "text",
            localized=True,
            max_length=HINT_MAX,
            hint=_l("Eén korte zin, bijvoorbeeld: Een lamp die niet brandt of knippert."),
        ),
        Field(
            "keywords",
            _l("Zoekwoorden"),
            "lines",
            max_length=2000,
            hint=_l(
                "Eén woord per regel. Woorden die inwoners gebruiken. "
                "Hiermee stelt het formulier de goede soort voor."
            ),
        ),
    )

    def _row(self, key: str) -> ReportCategory | None:
        return db.session.scalar(select(ReportCategory).where(ReportCategory.slug == key))

    # --- reading ---

    def list_live(self) -> list[LiveEntry]:
        rows = db.session.scalars(
            select(ReportCategory).order_by(ReportCategory.position, ReportCategory.id)
        )
        return [LiveEntry(row.slug, row.name_nl, row.active, row.updated_at) for row in rows]

    def load_live(self, key: str) -> dict | None:
        row = self._row(key)
        if row is None:
            return None
        return {
            "facts": {"keywords": list(row.keywords or [])},
            "texts": {
                "nl": {"name": row.name_nl, "hint": row.hint_nl or ""},
                "en": {"name": row.name_en or "", "hint": row.hint_en or ""},
            },
        }

    # --- rules ---

    @support.staff_language
    def validate(self, key: str, data: dict) -> dict[str, str]:
        errors = {}
        if support.text(data, "en", "hint") and not support.text(data, "en", "name"):
            errors["en-name"] = _("Vul ook de Engelse naam in. Of maak de Engelse uitleg leeg.")
        if any(len(word) > KEYWORD_MAX for word in _keywords(data)):
            errors["fact-keywords"] = _(
                "Een zoekwoord is te lang. Gebruik maximaal %(limit)s tekens per woord.",
                limit=KEYWORD_MAX,
            )
        return errors

    @support.staff_language
    def apply(self, key: str, data: dict) -> None:
        row = self._row(key)
        if row is None:
            raise ValueError(_("Deze soort melding bestaat niet meer."))
        extra = {}
        if not support.text(data, SOURCE_LOCALE, "name"):
            extra["nl-name"] = _("Vul de naam in het Nederlands in.")
        support.refuse(self, key, data, extra)
        # Only the texts: team, norm, place in the list and active stay as administration set them.
        row.name_nl = support.text(data, "nl", "name")
        row.hint_nl = support.text(data, "nl", "hint")
        row.name_en = support.text(data, "en", "name")
        row.hint_en = support.text(data, "en", "hint")
        row.keywords = _keywords(data)
        row.updated_at = support.now_utc()
        db.session.flush()

    @support.staff_language
    def withdraw(self, key: str) -> None:
        raise ValueError(
            _(
                "Een soort melding haalt u niet van de site. "
                "Vraag de beheerder om hem uit te zetten."
            )
        )

    # --- preview ---

    def preview(self, key: str, data: dict, locale: str) -> str:
        """The category as the report form offers it: its name with the hint below."""
        row = self._row(key)
        parent = self._row(row.parent_slug) if row is not None and row.parent_slug else None

        def render() -> str:
            shown = locale if support.text(data, locale, "name") else SOURCE_LOCALE
            group = ""
            if parent is not None:
                english = locale == "en" and parent.name_en
                group = parent.name_en if english else parent.name_nl
            return render_template(
                "reports/category_preview.html",
                name=support.text(data, shown, "name"),
                hint=support.text(data, shown, "hint"),
                group=group,
            )

        return support.in_locale(locale, render)


def _keywords(data: dict) -> list[str]:
    """Lower case, once each, in the order typed: the classifier compares lower case."""
    value = support.fact(data, "keywords")
    words = (
        [w.strip().lower() for w in value if isinstance(w, str)] if isinstance(value, list) else []
    )
    return list(dict.fromkeys(word for word in words if word))


KIND = ReportCategoryKind()
