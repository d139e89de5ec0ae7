"""Creating a case (zaak) from a submitted request: its number, its norm and its first steps.

    create_case(*, product_slug, party, actor, answers, idempotency_key,
                contact=None, review_reason=None, attachments=(), facts=None) -> Case
    product_facts(slug) -> ProductFacts     name, norm and team from the catalogue

Kept apart from `portal.cases.handling` (what happens to a case afterwards) because creating
has its own concerns: a number counted per year without gaps or doubles, and a submission
that arrives twice becoming one case. The conventions (flush, never commit; audit trail and
notification in the same transaction) are described in `portal.cases.services`.
"""

from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from portal.auth.pseudonym import pseudonym
from portal.cases.calendar import add_working_days
from portal.cases.models import Case, CaseNumberCounter, Document
from portal.cases.services import (
    CaseError,
    _iso,
    _record_status,
    actor_label,
    audit,
    get_case_by_key,
    notify,
    now,
    stored_text,
    today,
)
from portal.cases.texts import DEFAULT_TEAM, RECEIVED
from portal.catalog.services import get_product
from portal.components.counters import next_in_year
from portal.extensions import db


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


def _next_number(year: int) -> str:
    """Z-<year>-<nnnnnn>, counted per year (`portal.components.counters`)."""
    return f"Z-{year}-{next_in_year(CaseNumberCounter, year):06d}"


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
