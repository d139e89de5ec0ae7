"""The rules of "Stel uw vraag": topics, routing to a team, how the answer comes, and filing
the question as a case of the product "algemene-vraag".

Dutch domain words: `kanaal` (the way the answer comes: berichtenbox, email, telefoon) is
stored in the case's contact as {"email", "telefoon", "kanaal"}; the notifications area
mails the typed address of an anonymous asker who chose e-mail
(`portal.notifications.typed_address`).

Routing: the topic is a published product of the catalogue; its team answers. A product
whose team is not one of ours (a partner's, like the tax office) and "Ik weet het niet"
go to the contact centre (klantcontact), who answer or pass the question on
(`portal.cases.handover`).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from datetime import date

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from portal.auth.principal import Party
from portal.cases.anonymous import anonymous_party
from portal.cases.calendar import add_working_days
from portal.cases.creation import ProductFacts, UnknownProduct, create_case, product_facts
from portal.cases.models import Case
from portal.cases.services import get_case_by_key, stored_text, today
from portal.cases.texts import DEFAULT_TEAM, TEAMS
from portal.catalog.services import get_product, list_products

PRODUCT_SLUG = "algemene-vraag"
DONT_KNOW = "weet-niet"
NORM_WORKING_DAYS = 5
QUESTION_MAX = 2000
EMAIL_MAX = 254
PHONE_MAX = 40

BERICHTENBOX = "berichtenbox"
EMAIL = "email"
PHONE = "telefoon"
CHANNELS = (BERICHTENBOX, EMAIL, PHONE)
CHANNEL_LABELS = {
    BERICHTENBOX: _l("In de Berichtenbox van MijnGemeente"),
    EMAIL: _l("Per e-mail"),
    PHONE: _l("Wij bellen u"),
}
DONT_KNOW_LABEL = _l("Ik weet het niet")
# Products a question is not "about": asking a question about asking a question.
_NOT_A_TOPIC = {PRODUCT_SLUG}
_KEY = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Topic:
    slug: str
    name: str
    team: str


@dataclass(frozen=True)
class Question:
    """What the resident typed and chose, already checked by the form."""

    topic: str
    text: str
    channel: str
    email: str = ""
    phone: str = ""


def topics() -> list[Topic]:
    """The published products to choose from, by name, in the page's language."""
    found = [
        Topic(p.slug, p.name, team_for_team(p.team))
        for p in list_products()
        if p.slug not in _NOT_A_TOPIC
    ]
    return sorted(found, key=lambda topic: topic.name.lower())


def is_topic(slug: str) -> bool:
    return slug == DONT_KNOW or any(topic.slug == slug for topic in topics())


def team_for_team(team: str | None) -> str:
    """Our team for a product's team; a partner's team is not a mailbox of ours."""
    return team if team in TEAMS else DEFAULT_TEAM


def team_for(topic: str) -> str:
    """The team that answers a question about `topic`."""
    if topic == DONT_KNOW:
        return DEFAULT_TEAM
    product = get_product(topic, locale="nl")
    return team_for_team(product.team if product else None)


def topic_name(topic: str) -> str:
    """The topic as the case stores it: in Dutch."""
    if topic == DONT_KNOW:
        return stored_text(DONT_KNOW_LABEL)
    product = get_product(topic, locale="nl")
    return product.name if product else topic


def expected_answer_date(received_on: date | None = None) -> date:
    return add_working_days(received_on or today(), NORM_WORKING_DAYS)


def asking_party(principal) -> tuple[Party | None, object]:
    """(party, actor): whose question it is (None: nobody signed in) and who acts.

    A representative whose mandate does not cover questions asks as themselves, and the
    actor then loses the represented person: the case must not name them.
    """
    if principal is None or principal.is_staff or principal.own_party is None:
        return None, None
    if principal.acts_for_other and not principal.covers(PRODUCT_SLUG):
        own = replace(principal, represented=None, represented_name="", mandate_services=())
        return principal.own_party, own
    return principal.subject, principal


def channels_for(signed_in: bool) -> tuple[str, ...]:
    """Without a sign-in there is no Berichtenbox to read the answer in."""
    return CHANNELS if signed_in else (EMAIL, PHONE)


def new_key() -> str:
    """The key of one question being asked: it travels with the form, so sending twice (a
    double click, the back button) finds the case the first send made."""
    return secrets.token_hex(16)


def is_key(key: str | None) -> bool:
    return isinstance(key, str) and bool(_KEY.match(key))


def idempotency_key(key: str) -> str:
    return f"vraag-{key}"


def case_for_key(key: str | None) -> Case | None:
    return get_case_by_key(idempotency_key(key)) if is_key(key) else None


def _product_name() -> str:
    try:
        return product_facts(PRODUCT_SLUG).name
    except UnknownProduct:
        return stored_text(_l("Algemene vraag"))


def case_answers(question: Question) -> dict:
    """What the case keeps, under Dutch labels (cases store their texts in Dutch)."""
    with force_locale("nl"):
        return {
            "Onderwerp": topic_name(question.topic),
            "Vraag": question.text,
            "Antwoord graag": str(CHANNEL_LABELS[question.channel]),
        }


def ask(question: Question, principal, key: str) -> Case:
    """File the question as a case routed to the topic's team, with a 5-working-day norm.
    Flushes; the caller commits. The same `key` again returns the first case."""
    if not is_key(key):
        raise ValueError("not a question key")
    party, actor = asking_party(principal)
    if question.channel not in channels_for(party is not None):
        raise ValueError(f"channel {question.channel!r} needs a sign-in")
    return create_case(
        product_slug=PRODUCT_SLUG,
        party=party or anonymous_party(key, purpose="question"),
        actor=actor,
        answers=case_answers(question),
        idempotency_key=idempotency_key(key),
        contact={
            "email": question.email[:EMAIL_MAX],
            "telefoon": question.phone[:PHONE_MAX],
            "kanaal": question.channel,
        },
        facts=ProductFacts(
            name=_product_name(),
            norm_working_days=NORM_WORKING_DAYS,
            team=team_for(question.topic),
        ),
    )


def suggested_partner(case: Case):
    """The partner organisation the catalogue names for the case's product or, for a
    question, for its topic; None when there is none (staff type it)."""
    own = get_product(case.product_slug, locale="nl")
    if own is not None and own.partner is not None:
        return own.partner
    topic = (case.answers or {}).get("Onderwerp") if isinstance(case.answers, dict) else None
    for product in list_products(locale="nl") if topic else []:
        if product.name == topic and product.partner is not None:
            return product.partner
    return None
