"""The rules of cases (zaken): creating them and moving them forward.

Public interface (other areas call these; the signatures stay stable):

    create_case(*, product_slug, party, actor, answers, idempotency_key,
                contact=None, review_reason=None, attachments=(), facts=None) -> Case
    assign(case, handler, *, actor=None) -> None
    change_status(case, status, note_for_resident, actor) -> None
    add_timeline_note(case, note_for_resident, actor) -> None
    request_information(case, text, due, *, actor=None) -> Task
    send_message(case, text, sender) -> Message
    attach_document(case, file, kind, *, actor=None) -> Document
    close_case(case, result, reason, actor) -> None
    extend_deadline(case, new_date, reason, actor) -> None
    team_queue(team) -> list[Case];  get_case(number) -> Case | None

`party` is a `portal.auth.principal.Party`; `actor`, `handler` and `sender` are a `Principal`
(staff for the back office, the resident for the portal) or None for the system. Every
function flushes and never commits: the caller's request commits once. Each writes the status
history and the case's audit trail (CaseEvent) and enqueues the matching notification with
`portal.notifications.outbox.enqueue` in the same transaction, so nothing is sent for a
change that was rolled back.

Payloads hold no content (no message text, no answers): e-mails only say there is news.
A notification meant for the team rather than the resident carries
`payload["recipient"] == "team"` and `payload["team_email"]` (the handler's address when the
case has a handler, else the team mailbox).

Errors a caller can show are `CaseError` with a B1 message.
"""

from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from portal.auth.principal import Party
from portal.auth.pseudonym import pseudonym
from portal.cases import files
from portal.cases.calendar import NormStatus, add_working_days, norm_status, working_days_between
from portal.cases.models import (
    Case,
    CaseEvent,
    CaseNumberCounter,
    Document,
    Message,
    StatusChange,
    Task,
)
from portal.cases.texts import (
    CLOSED,
    DEFAULT_TEAM,
    DOCUMENT_KINDS,
    IN_PROGRESS,
    OPEN_STATUSES,
    RECEIVED,
    RESULT_LABELS,
    RESULTS_NEEDING_REASON,
    WAITING_FOR_RESIDENT,
    team_contact,
)
from portal.catalog.services import get_product
from portal.extensions import db
from portal.notifications import berichtenbox, outbox

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


_FALLBACK_NAMES = {
    "representative": _l("Een gemachtigde"),
    "digid": _l("De inwoner"),
    "eherkenning": _l("Het bedrijf"),
    "staff": _l("Een medewerker"),
}


class CaseError(ValueError):
    """A change that is not allowed; the message is B1 Dutch and can be shown as is."""


class UnknownProduct(LookupError):
    pass


@dataclass(frozen=True)
class ProductFacts:
    name: str
    norm_working_days: int | None
    team: str
    # Legal terms (Wmo, permits) are set in weeks: calendar time, ending on a working day.
    norm_weeks: int | None = None
    # The national product identifiers (Uniforme Productnamenlijst, Single Digital Gateway).
    upl_uri: str | None = None
    sdg_code: str | None = None

    def expected_completion(self, received_on: date) -> date | None:
        if self.norm_working_days is not None:
            return add_working_days(received_on, self.norm_working_days)
        if self.norm_weeks is not None:
            # Algemene termijnenwet: a term that ends on a closed day moves to the next one.
            return add_working_days(received_on + timedelta(weeks=self.norm_weeks), 0)
        return None


def stored_text(text) -> str:
    """Text that is saved with the case is data, kept in Dutch (the source language), whatever
    the language of the request or job that wrote it."""
    with force_locale("nl"):
        return str(text)


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def today() -> date:
    """The date in the municipality, which decides working days."""
    return now().replace(tzinfo=UTC).astimezone(AMSTERDAM).date()


def product_facts(slug: str) -> ProductFacts:
    """Name, service norm and team of a product, from the catalogue."""
    # The name is stored with the case, so take it in Dutch, the source language.
    product = get_product(slug, locale="nl")
    if product is None:
        raise UnknownProduct(slug)
    return ProductFacts(
        name=product.name,
        norm_working_days=product.norm_working_days,
        team=product.team or DEFAULT_TEAM,
        norm_weeks=product.norm_weeks,
        upl_uri=product.upl_uri,
        sdg_code=product.sdg_code,
    )


def party_of(case: Case) -> Party:
    return Party(kind=case.party_kind, identifier=case.party_identifier, branch=case.party_branch)


def actor_label(actor) -> str:
    """How an actor is named in the history: "Sanne Bakker namens Henk Bakker" for a mandate.

    A DigiD token carries no name; without one the label says the role, never an identifier.
    """
    if actor is None:
        return current_app.config["MUNICIPALITY_NAME"]
    representative = getattr(actor, "acts_for_other", False)
    name = actor.display_name or stored_text(
        _FALLBACK_NAMES.get("representative" if representative else actor.means, _l("Onbekend"))
    )
    if representative and actor.represented_name:
        return stored_text(_l("%(name)s namens %(other)s", name=name, other=actor.represented_name))
    return name


def notify(event: str, case: Case, payload: dict | None = None) -> None:
    """Enqueue the e-mail; a status change, task or decision also goes to the Berichtenbox."""
    base = {"number": case.number, "product": case.product_slug}
    outbox.enqueue(event, case=case, party=party_of(case), payload={**base, **(payload or {})})
    berichtenbox.record(event, case, payload or {})


def notify_team(event: str, case: Case, payload: dict | None = None) -> None:
    """Tell the back office: the handler when the case has one with an address, else the
    team mailbox."""
    address = case.handler_email or team_contact(case.team).email
    notify(event, case, {"recipient": "team", "team_email": address, **(payload or {})})


def audit(case: Case, action: str, actor, detail: dict | None = None) -> None:
    db.session.add(
        CaseEvent(
            case=case,
            action=action,
            actor_label=actor_label(actor),
            detail=detail,
            created_at=now(),
        )
    )


def _record_status(case: Case, status: str, note: str | None, actor) -> None:
    case.status = status
    case.updated_at = now()
    case.history.append(
        StatusChange(
            status=status,
            note_for_resident=(note or "").strip() or None,
            actor_label=actor_label(actor),
            created_at=case.updated_at,
        )
    )


def _next_number(year: int) -> str:
    """Z-<year>-<nnnnnn>, counted per year. The UPDATE locks the year's row on PostgreSQL and
    the whole database on SQLite until the request commits, so no two cases share a number.
    INSERT ... ON CONFLICT DO NOTHING starts a new year without a savepoint (pysqlite does not
    nest savepoints inside its implicit transactions reliably)."""
    insert = pg_insert if _dialect() == "postgresql" else sqlite_insert
    db.session.execute(insert(CaseNumberCounter).values(year=year, last=0).on_conflict_do_nothing())
    last = db.session.execute(
        update(CaseNumberCounter)
        .where(CaseNumberCounter.year == year)
        .values(last=CaseNumberCounter.last + 1)
        .returning(CaseNumberCounter.last)
    ).scalar_one()
    return f"Z-{year}-{last:06d}"


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _guard_duplicate_submission():
    """On PostgreSQL a savepoint lets a duplicate submission that loses the race find the
    winner's case instead of failing the request. SQLite allows one writer at a time, so the
    loser waits for the winner and the unique key stops a second case."""
    return db.session.begin_nested() if _dialect() == "postgresql" else nullcontext()


def _attachment_field(item, name: str):
    return item[name] if isinstance(item, dict) else getattr(item, name)


def create_case(
    *,
    product_slug: str,
    party,
    actor,
    answers: dict,
    idempotency_key: str,
    contact: dict | None = None,
    review_reason: str | None = None,
    attachments: Iterable = (),
    facts: ProductFacts | None = None,
) -> Case:
    """Turn a submitted request into a case; a retried submission returns the same case.

    `facts` overrides the catalogue's name, team and norm, for products whose team and norm
    depend on the answers (a report's category decides both).

    `attachments` are files already in the file store: dicts or objects with `name`,
    `content_type`, `size` and `path`. `review_reason` tells the back office to look closer;
    the resident sees the normal status, because the request was received as normal.
    """
    existing = get_case_by_key(idempotency_key)
    if existing is not None:
        return _same_party_or_fail(existing, party)
    facts = facts or product_facts(product_slug)
    created = now()
    received_on = today()
    representative = actor is not None and getattr(actor, "acts_for_other", False)
    case = Case(
        idempotency_key=idempotency_key,
        product_slug=product_slug,
        product_name=facts.name,
        team=facts.team,
        party_kind=party.kind,
        party_identifier=party.identifier,
        party_branch=party.branch,
        actor_kind="representative" if representative else "self",
        actor_label=actor_label(actor) if actor is not None else "",
        actor_pseudonym=_actor_pseudonym(actor) if representative else None,
        status=RECEIVED,
        answers=answers,
        contact=contact,
        review_reason=review_reason,
        norm_working_days=facts.norm_working_days,
        norm_weeks=facts.norm_weeks,
        expected_completion=facts.expected_completion(received_on),
        created_at=created,
        updated_at=created,
    )
    try:
        with _guard_duplicate_submission():
            case.number = _next_number(received_on.year)
            db.session.add(case)
            _record_status(case, RECEIVED, None, actor)
            case.updated_at = created
            case.documents.append(
                Document(
                    kind="ontvangstbevestiging",
                    name=stored_text(_l("Ontvangstbevestiging %(number)s.pdf", number=case.number)),
                    content_type="application/pdf",
                    size=0,
                    path=None,
                    created_at=created,
                )
            )
            for item in attachments:
                case.documents.append(
                    Document(
                        kind="bijlage",
                        name=_attachment_field(item, "name"),
                        content_type=_attachment_field(item, "content_type"),
                        size=_attachment_field(item, "size"),
                        path=_attachment_field(item, "path"),
                        created_at=created,
                    )
                )
            # The product's national identifiers as they were when the case began (the
            # catalogue may change them later); a case system export reads them here.
            codes = {"upl": facts.upl_uri, "sdg": facts.sdg_code}
            detail = {**({"review": True} if review_reason else {}), **codes}
            audit(case, "created", actor, {k: v for k, v in detail.items() if v} or None)
            db.session.flush()
    except IntegrityError:
        if _dialect() != "postgresql":
            raise
        # The same submission arrived twice at once; the other one won.
        existing = get_case_by_key(idempotency_key)
        if existing is None:
            raise
        return _same_party_or_fail(existing, party)
    notify("received", case, {"expected": _iso(case.expected_completion)})
    db.session.flush()
    return case


def _same_party_or_fail(case: Case, party) -> Case:
    if (case.party_kind, case.party_identifier) != (party.kind, party.identifier):
        raise CaseError(_l("Deze aanvraag hoort bij iemand anders."))
    return case


def _actor_pseudonym(actor) -> str | None:
    identifier = actor.bsn or actor.acting_subject or actor.kvk
    return pseudonym(identifier) if identifier else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def get_case_by_key(idempotency_key: str) -> Case | None:
    return db.session.scalars(select(Case).where(Case.idempotency_key == idempotency_key)).first()


def get_case(number: str) -> Case | None:
    return db.session.scalars(select(Case).where(Case.number == number)).first()


def team_queue(team: str, *, include_closed: bool = False) -> list[Case]:
    """The cases of a team, the ones due first at the top."""
    query = select(Case).where(Case.team == team)
    if not include_closed:
        query = query.where(Case.closed_at.is_(None))
    query = query.order_by(Case.expected_completion.is_(None), Case.expected_completion, Case.id)
    return list(db.session.scalars(query))


def is_late(case: Case) -> bool:
    """The expected date has passed while the case was ours to finish (not waiting on the
    resident, whose clock stands still)."""
    if case.is_closed or case.status == WAITING_FOR_RESIDENT:
        return False
    return norm_status(case.expected_completion, today()) == NormStatus.LATE


def require_open(case: Case) -> None:
    if case.is_closed:
        raise CaseError(_l("Deze zaak is al afgerond. U kunt niets meer wijzigen."))


def staff_ref(person) -> str:
    """How a handler is recognised on a case: the staff id from sign-in, else the name."""
    return getattr(person, "staff_id", "") or person.display_name


def assign(case: Case, handler, *, actor=None) -> None:
    """Make `handler` (a staff Principal, or anything with `display_name` and `staff_id`)
    the case's handler; the resident sees the name."""
    require_open(case)
    case.handler_name = handler.display_name
    case.handler_ref = staff_ref(handler)
    case.handler_email = getattr(handler, "email", "") or None
    case.updated_at = now()
    audit(case, "assigned", actor or handler, {"handler": case.handler_name})
    db.session.flush()


def change_status(case: Case, status: str, note_for_resident: str | None, actor) -> None:
    require_open(case)
    if status not in OPEN_STATUSES:
        raise CaseError(_l("Kies een status uit de lijst. Afronden doet u met een uitkomst."))
    _record_status(case, status, note_for_resident, actor)
    audit(case, "status_changed", actor, {"status": status})
    notify("status_changed", case, {"status": status})
    db.session.flush()


def add_timeline_note(case: Case, note_for_resident: str, actor) -> None:
    """A step on the case's timeline that keeps the status and sends no e-mail: the area that
    writes it audits it and tells the resident its own way (a proposal comes as a message)."""
    require_open(case)
    _record_status(case, case.status, note_for_resident, actor)
    db.session.flush()


def request_information(case: Case, text: str, due: date | None, *, actor=None) -> Task:
    """Ask the resident for something; the case waits for them until they answer."""
    require_open(case)
    if not text or not text.strip():
        raise CaseError(_l("Schrijf op wat u van de inwoner nodig heeft."))
    if due is not None and due < today():
        raise CaseError(_l("De uiterste datum ligt in het verleden. Kies een latere datum."))
    task = Task(text=text.strip(), due=due, created_at=now())
    case.tasks.append(task)
    if case.status != WAITING_FOR_RESIDENT:
        _record_status(case, WAITING_FOR_RESIDENT, None, actor)
    audit(case, "information_requested", actor, {"due": _iso(due)})
    db.session.flush()
    notify("task", case, {"task_id": task.id, "due": _iso(due)})
    return task


def send_message(case: Case, text: str, sender) -> Message:
    """A message in the case thread. From staff or the system it goes out to the resident (who
    gets an e-mail that there is news); from the resident it comes in for the team."""
    if not text or not text.strip():
        raise CaseError(_l("Typ uw bericht."))
    outgoing = sender is None or getattr(sender, "means", None) == "staff"
    if not outgoing:
        require_open(case)
    message = Message(
        direction="out" if outgoing else "in",
        body=text.strip(),
        sender_label=actor_label(sender),
        created_at=now(),
    )
    case.messages.append(message)
    case.updated_at = message.created_at
    audit(case, "message_sent" if outgoing else "message_received", sender)
    db.session.flush()
    if outgoing:
        notify("message", case, {"message_id": message.id})
    return message


def attach_document(case: Case, file, kind: str, *, actor=None) -> Document:
    """Store a file (an upload or a `files.StoredFile`) with the case, e.g. a decision letter.

    Raises files.FileRejected when an upload is not a PDF, JPEG or PNG or is too large.
    """
    if kind not in DOCUMENT_KINDS:
        raise CaseError(_l("Kies wat voor document dit is."))
    stored = file if isinstance(file, files.StoredFile) else files.store(file)
    document = Document(
        kind=kind,
        name=stored.name,
        content_type=stored.content_type,
        size=stored.size,
        path=stored.path,
        created_at=now(),
    )
    case.documents.append(document)
    case.updated_at = document.created_at
    audit(case, "document_added", actor, {"kind": kind})
    db.session.flush()
    return document


def close_case(case: Case, result: str, reason: str | None, actor) -> None:
    """Finish the case with a result. A "no" (or partly no, or a hand-over) must say why."""
    require_open(case)
    if result not in RESULT_LABELS:
        raise CaseError(_l("Kies een uitkomst uit de lijst."))
    reason = (reason or "").strip() or None
    if result in RESULTS_NEEDING_REASON and not reason:
        raise CaseError(_l("Leg uit waarom. De inwoner moet weten waarom het antwoord nee is."))
    case.result = result
    case.result_reason = reason
    case.closed_at = now()
    _record_status(case, CLOSED, None, actor)
    audit(case, "closed", actor, {"result": result})
    public_url = current_app.config["PUBLIC_URL"].rstrip("/")
    notify(
        "case_closed",
        case,
        {"result": result, "feedback_url": f"{public_url}/mijn-zaken/{case.number}#beoordeling"},
    )
    db.session.flush()


def extend_deadline(case: Case, new_date: date, reason: str, actor) -> None:
    """Move the expected date, with the reason the resident reads ("afspraak = afspraak")."""
    require_open(case)
    if not reason or not reason.strip():
        raise CaseError(_l("Leg uit waarom het langer duurt."))
    if case.expected_completion and new_date <= case.expected_completion:
        raise CaseError(_l("De nieuwe datum moet later zijn dan de oude datum."))
    old = case.expected_completion
    case.expected_completion = new_date
    case.delay_reason = reason.strip()
    case.deadline_notified = None
    _record_status(case, case.status, reason, actor)
    audit(case, "deadline_extended", actor, {"from": _iso(old), "to": _iso(new_date)})
    notify("status_changed", case, {"status": case.status, "expected": _iso(new_date)})
    db.session.flush()


def resume_after_waiting(case: Case, waited_since: datetime, actor) -> None:
    """The resident answered: the norm clock stood still while we waited (as the Awb term is
    suspended), so the expected date moves by the working days waited."""
    if case.expected_completion is not None:
        waited = working_days_between(
            waited_since.replace(tzinfo=UTC).astimezone(AMSTERDAM).date(), today()
        )
        if waited > 0:
            case.expected_completion = add_working_days(case.expected_completion, waited)
    if case.status == WAITING_FOR_RESIDENT and not case.open_tasks:
        _record_status(case, IN_PROGRESS, None, actor)
