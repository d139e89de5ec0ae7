"""Service norms and routing: how long a product or a report category may take, and which
team handles it.

A product has a norm in working days or, for legal terms (Awb, Wmo), in weeks: at most one
of the two. A case keeps the norm it got when it came in (`Case.norm_working_days`,
`expected_completion`), so a change here counts for new cases only. Every change drops the
catalogue cache in the same transaction, so every process shows the new norm at once.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.administration.changes import record_changes
from portal.administration.staff import AdminError, is_slug, now, team_choices
from portal.auth.principal import Principal
from portal.catalog import cache
from portal.catalog.models import Product, ProductText
from portal.extensions import db
from portal.reports.models import ReportCategory

MAX_WORKING_DAYS = 365
MAX_WEEKS = 104


@dataclass(frozen=True)
class ProductRouting:
    slug: str
    name: str
    norm_working_days: int | None
    norm_weeks: int | None
    team: str
    published: bool


def products() -> list[ProductRouting]:
    """Every product, published or not, by its Dutch name."""
    names = dict(
        db.session.execute(
            select(ProductText.product_id, ProductText.name).where(ProductText.locale == "nl")
        ).all()
    )
    rows = db.session.scalars(select(Product))
    found = [
        ProductRouting(
            row.slug,
            names.get(row.id, row.slug),
            row.norm_working_days,
            row.norm_weeks,
            row.team,
            row.published,
        )
        for row in rows
    ]
    return sorted(found, key=lambda product: product.name.lower())


def product_row(slug: str) -> Product | None:
    if not is_slug(slug):
        return None
    return db.session.scalar(select(Product).where(Product.slug == slug[:100]))


def product_name(row: Product) -> str:
    text = next((t for t in row.texts if t.locale == "nl"), None)
    return text.name if text else row.slug


def check_norm(days: int | None, weeks: int | None, *, required: bool = False) -> None:
    if days is not None and weeks is not None:
        raise AdminError(
            _l("Vul de termijn in werkdagen of in weken in. Niet allebei."), "norm_weeks"
        )
    if days is None and weeks is None and required:
        raise AdminError(_l("Vul de termijn in werkdagen in"), "norm_working_days")
    if days is not None and not 1 <= days <= MAX_WORKING_DAYS:
        raise AdminError(
            _l("Kies een termijn van 1 tot en met %(max)s werkdagen.", max=MAX_WORKING_DAYS),
            "norm_working_days",
        )
    if weeks is not None and not 1 <= weeks <= MAX_WEEKS:
        raise AdminError(
            _l("Kies een termijn van 1 tot en met %(max)s weken.", max=MAX_WEEKS), "norm_weeks"
        )


def check_team(team: str) -> None:
    if team not in {slug for slug, _name in team_choices()}:
        raise AdminError(_l("Kies een team uit de lijst"), "team")


def change_product(
    row: Product, days: int | None, weeks: int | None, team: str, principal: Principal
) -> int:
    """Set the norm and the team; returns how many values changed (0: nothing to save)."""
    check_norm(days, weeks)
    if team != row.team:
        check_team(team)
    old = {"norm_working_days": row.norm_working_days, "norm_weeks": row.norm_weeks}
    new = {"norm_working_days": days, "norm_weeks": weeks}
    changed = record_changes(principal, "product_norm_changed", row.slug, old, new)
    changed += record_changes(
        principal, "product_team_changed", row.slug, {"team": row.team}, {"team": team}
    )
    if changed:
        row.norm_working_days, row.norm_weeks, row.team = days, weeks, team
        row.updated_at = now()
        cache.drop()
    return changed


def categories() -> list[ReportCategory]:
    query = select(ReportCategory).order_by(ReportCategory.position, ReportCategory.id)
    return list(db.session.scalars(query))


def category_row(slug: str) -> ReportCategory | None:
    if not is_slug(slug, 60):
        return None
    return db.session.scalar(select(ReportCategory).where(ReportCategory.slug == slug[:60]))


def change_category(row: ReportCategory, days: int | None, team: str, principal: Principal) -> int:
    check_norm(days, None, required=True)
    if team != row.team:
        check_team(team)
    changed = record_changes(
        principal,
        "category_norm_changed",
        row.slug,
        {"norm_working_days": row.norm_working_days},
        {"norm_working_days": days},
    )
    changed += record_changes(
        principal, "category_team_changed", row.slug, {"team": row.team}, {"team": team}
    )
    if changed:
        row.norm_working_days, row.team = days, team
        row.updated_at = now()
        cache.drop()
    return changed
