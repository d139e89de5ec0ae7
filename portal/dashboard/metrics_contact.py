"""First-contact resolution: of the contacts the contact centre recorded (knowledge
`Contact`), how many were answered at once, per team and per contact channel (phone, desk,
chat, e-mail). The team is the one that owns the topic; a product filter matches the topic.

Contacts are all contact-centre work, so a channel filter other than "klantcontact" leaves
nothing to count; `applies` is then False and the page says why."""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, func, select

from portal.dashboard.filters import CONTACT_CENTRE, Filters
from portal.dashboard.groups import collect, percentage
from portal.extensions import db
from portal.knowledge.models import Contact

CONTACT_CHANNELS = {
    "phone": _l("Telefoon"),
    "desk": _l("Balie"),
    "chat": _l("Chat"),
    "email": _l("E-mail"),
}


@dataclass(frozen=True)
class GroupContacts:
    key: str
    label: str
    total: int
    answered: int
    percentage: float | None


@dataclass
class FirstContact:
    applies: bool = True
    total: int = 0
    answered: int = 0
    percentage: float | None = None
    by_team: list[GroupContacts] = field(default_factory=list)
    by_channel: list[GroupContacts] = field(default_factory=list)


def _groups(rows, key, label) -> list[GroupContacts]:
    return [
        GroupContacts(
            group,
            name,
            total := sum(row.total for row in items),
            answered := sum(row.answered for row in items),
            percentage(answered, total),
        )
        for group, (name, items) in collect(rows, key, label).items()
    ]


def first_contact(filters: Filters, team_names: dict[str, str]) -> FirstContact:
    if filters.channel and filters.channel != CONTACT_CENTRE:
        return FirstContact(applies=False)
    # Per team and channel, counted by the database.
    query = select(
        Contact.team,
        Contact.channel,
        func.count(Contact.id).label("total"),
        func.coalesce(
            func.sum(case((Contact.answered_first_contact.is_(True), 1), else_=0)), 0
        ).label("answered"),
    ).where(
        Contact.created_at >= filters.period.utc_start,
        Contact.created_at < filters.period.utc_end,
    )
    if filters.team:
        query = query.where(Contact.team == filters.team)
    if filters.product:
        query = query.where(Contact.topic == filters.product)
    rows = db.session.execute(query.group_by(Contact.team, Contact.channel)).all()
    total = sum(row.total for row in rows)
    answered = sum(row.answered for row in rows)
    no_team = str(_l("Geen team"))
    return FirstContact(
        total=total,
        answered=answered,
        percentage=percentage(answered, total),
        by_team=_groups(
            rows,
            key=lambda row: row.team,
            label=lambda row: team_names.get(row.team, row.team) if row.team else no_team,
        ),
        by_channel=_groups(
            rows,
            key=lambda row: row.channel,
            label=lambda row: str(CONTACT_CHANNELS.get(row.channel, row.channel)),
        ),
    )
