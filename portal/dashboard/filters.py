"""What the dashboard counts over: a period, and optionally one product, team and channel.

Channel ("kanaal") is how a case came in. The cases table has no channel column, so it is
derived, in this order:
- klantcontact: the contact centre started the case for a caller (a knowledge `Contact` whose
  `follow_up_ref` is the case number, follow-up "case" or "callback");
- melding: a report about public space (product `melding-openbare-ruimte`);
- vraag: a question or a call-back request the resident sent through the portal
  (products `algemene-vraag` and `terugbelverzoek`);
- formulier: every other product, a request sent with an online form.
`actor_kind` (self or representative) says who acted, not how, so it is not used.

The dashboard only reads other areas' tables, to count; it never changes them.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, not_, select, text

from portal.cases.models import Case
from portal.cases.texts import TEAMS, team_contact
from portal.catalog import cache
from portal.dashboard.periods import Period
from portal.extensions import db
from portal.i18n import current_locale
from portal.knowledge.models import Contact

FORM = "formulier"
REPORT = "melding"
QUESTION = "vraag"
CONTACT_CENTRE = "klantcontact"
CHANNEL_LABELS = {
    FORM: _l("Online formulier"),
    REPORT: _l("Melding openbare ruimte"),
    QUESTION: _l("Vraag of terugbelverzoek"),
    CONTACT_CENTRE: _l("Klantcontactcentrum"),
}
REPORT_PRODUCT = "melding-openbare-ruimte"
CALLBACK_PRODUCT = "terugbelverzoek"
QUESTION_PRODUCTS = ("algemene-vraag", CALLBACK_PRODUCT)


@dataclass(frozen=True)
class Filters:
    period: Period
    product: str = ""
    team: str = ""
    channel: str = ""


def _started_by_contact_centre():
    refs = select(Contact.follow_up_ref).where(
        Contact.follow_up.in_(("case", "callback")), Contact.follow_up_ref.is_not(None)
    )
    return Case.number.in_(refs)


def channel_condition(channel: str):
    """The SQL condition on `Case` for one channel (see the module docstring)."""
    by_contact_centre = _started_by_contact_centre()
    if channel == CONTACT_CENTRE:
        return by_contact_centre
    by_product = {
        REPORT: Case.product_slug == REPORT_PRODUCT,
        QUESTION: Case.product_slug.in_(QUESTION_PRODUCTS),
        FORM: Case.product_slug.not_in((REPORT_PRODUCT, *QUESTION_PRODUCTS)),
    }[channel]
    return and_(by_product, not_(by_contact_centre))


def case_conditions(filters: Filters) -> list:
    """Product, team and channel as conditions on `Case` (the period differs per figure)."""
    conditions = []
    if filters.product:
        conditions.append(Case.product_slug == filters.product)
    if filters.team:
        conditions.append(Case.team == filters.team)
    if filters.channel:
        conditions.append(channel_condition(filters.channel))
    return conditions


def known_teams() -> dict[str, str]:
    """Team code -> name: the teams cases are routed to and those functional administration
    added; an inactive administration team is left out. Kept with the catalogue
    (`portal.catalog.cache`), which the administration drops when it changes a team."""
    return dict(cache.cached(f"dashboard_teams:{current_locale()}", _load_teams))


def _load_teams() -> dict[str, str]:
    from portal.administration.models import Team

    teams = {code: str(team_contact(code).name) for code in TEAMS}
    for slug, name, active in db.session.execute(select(Team.slug, Team.name, Team.active)):
        if active:
            teams[slug] = name
        else:
            teams.pop(slug, None)
    return dict(sorted(teams.items(), key=lambda item: item[1].lower()))


# Every product that has cases, read from the product index one product at a time (a "skip
# scan": as many steps as there are products, not one per case), each with the name of the
# first of its cases the index holds (the catalogue's name goes first; this one is for
# products no longer in it).
_PRODUCTS_WITH_CASES = text(
    """
    WITH RECURSIVE products(slug, name) AS (
        SELECT * FROM (
            SELECT product_slug, product_name FROM cases_case
            ORDER BY product_slug LIMIT 1
        ) AS first_product
        UNION ALL
        SELECT c.product_slug, c.product_name FROM products
        JOIN cases_case AS c ON c.id = (
            SELECT n.id FROM cases_case AS n
            WHERE n.product_slug > products.slug
            ORDER BY n.product_slug LIMIT 1
        )
    )
    SELECT slug, name FROM products
    """
)


def known_products() -> dict[str, str]:
    """Product slug -> Dutch name: the catalogue and every product that has cases."""
    from portal.catalog.services import list_products

    products = {p.slug: p.name for p in list_products(locale="nl")}
    for slug, name in db.session.execute(_PRODUCTS_WITH_CASES):
        products.setdefault(slug, name)
    return dict(sorted(products.items(), key=lambda item: item[1].lower()))


def product_teams() -> dict[str, str]:
    """Product slug -> team, for figures whose rows know a product but not a team."""
    from portal.catalog.services import list_products

    return {p.slug: p.team for p in list_products(locale="nl")}


def teams_visible_to(principal) -> list[str] | None:
    """The teams a staff member may see figures of; None means every team.

    A team leader sees their own team only: figures of other teams are their colleagues'
    business. Functional administrators (and anyone with the admin role) see all."""
    if principal.has_role("admin"):
        return None
    return [principal.team] if principal.team else []
