"""Drafts and submission: the rules of the request flow, as plain functions.

Every function flushes and never commits; the view commits once. A draft is found only by its
owner: the same subject (whom the request is for) and the same actor (who fills it in).
Submission turns a draft into a case with `portal.cases.creation.create_case`, which writes
the case, the answers, the files' links and the outgoing e-mail in the caller's transaction;
the draft's submission key makes a retried or doubled POST return the same case. Then the
product's after-submit hooks run in the same transaction (`portal.requests.hooks`).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from functools import cache

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import joinedload

from portal.auth.audit import actor_of
from portal.auth.pseudonym import pseudonym
from portal.extensions import db
from portal.requests import engine, hooks, uploads
from portal.requests.definition import CONTACT_STEP, FormDefinition
from portal.requests.models import Draft

DEFAULT_DRAFT_DAYS = 30
WARN_DAYS = 7
REGISTER_TYPED = "Gegevens zelf ingevuld: het register was niet bereikbaar."


def now() -> datetime:
    """Naive UTC, as stored; a function so tests can move the clock."""
    return datetime.now(UTC).replace(tzinfo=None)


def draft_days() -> int:
    return int(current_app.config.get("REQUEST_DRAFT_DAYS", DEFAULT_DRAFT_DAYS))


def _owner(principal) -> tuple[str, str, str]:
    subject = principal.subject
    return subject.kind, pseudonym(subject.identifier), actor_of(principal)


def _owned_by(principal):
    kind, party_key, actor_key = _owner(principal)
    return select(Draft).where(
        Draft.party_kind == kind, Draft.party_key == party_key, Draft.actor_key == actor_key
    )


def start_draft(definition: FormDefinition, principal) -> Draft:
    kind, party_key, actor_key = _owner(principal)
    moment = now()
    draft = Draft(
        token=uuid.uuid4().hex,
        product_slug=definition.product,
        form_version=definition.version,
        party_kind=kind,
        party_key=party_key,
        actor_key=actor_key,
        answers={},
        submission_key=f"request-{uuid.uuid4().hex}",
        created_at=moment,
        updated_at=moment,
        expires_at=moment + timedelta(days=draft_days()),
    )
    db.session.add(draft)
    db.session.flush()
    return draft


def draft_for(
    principal, token: str, *, with_uploads: bool = False, with_kept: bool = False
) -> Draft | None:
    """The principal's draft (also a submitted one, for its confirmation); None when it is
    someone else's, unknown or expired. `with_uploads`, `with_kept`: its files, or the
    answers kept for its steps, read in the same query."""
    kind, party_key, actor_key = _owner(principal)
    values = {"kind": kind, "party_key": party_key, "actor_key": actor_key, "token": token}
    query = _draft_statement(with_uploads, with_kept)
    draft = db.session.scalars(query, values).unique().one_or_none()
    if draft is None or (draft.submitted_at is None and draft.expires_at <= now()):
        return None
    return draft


@cache
def _draft_statement(with_uploads: bool, with_kept: bool) -> Select:
    """Built once and reused: every page of a form reads its draft, and building and keying
    the statement costs about a third of the query."""
    query = select(Draft).where(
        Draft.party_kind == bindparam("kind"),
        Draft.party_key == bindparam("party_key"),
        Draft.actor_key == bindparam("actor_key"),
        Draft.token == bindparam("token"),
    )
    if with_uploads:
        query = query.options(joinedload(Draft.uploads))
    if with_kept:
        query = query.options(joinedload(Draft.kept_answers))
    return query


def open_drafts(principal, product_slug: str | None = None) -> list[Draft]:
    """Unsent, unexpired drafts, the most recently changed first ("Nog niet verstuurd")."""
    query = _owned_by(principal).where(Draft.submitted_at.is_(None), Draft.expires_at > now())
    if product_slug:
        query = query.where(Draft.product_slug == product_slug)
    return list(db.session.scalars(query.order_by(Draft.updated_at.desc())))


def expires_soon(draft: Draft) -> bool:
    return draft.expires_at - now() <= timedelta(days=WARN_DAYS)


def save_step(draft: Draft, answers: dict) -> None:
    """Keep a completed step; every save gives the draft its full time again."""
    draft.answers = {**draft.answers, **answers}
    draft.updated_at = now()
    draft.expires_at = draft.updated_at + timedelta(days=draft_days())
    db.session.flush()


def remove_upload(draft: Draft, upload_token: str) -> bool:
    upload = next((item for item in draft.uploads if item.token == upload_token), None)
    if upload is None:
        return False
    uploads.remove_file(upload.path)
    draft.uploads.remove(upload)
    db.session.flush()
    return True


def delete_draft(draft: Draft) -> None:
    for upload in draft.uploads:
        uploads.remove_file(upload.path)
    db.session.delete(draft)
    db.session.flush()


def purge_expired() -> int:
    """Remove drafts (and their files) past their date; returns how many."""
    expired = list(
        db.session.scalars(
            select(Draft).where(Draft.submitted_at.is_(None), Draft.expires_at <= now())
        )
    )
    for draft in expired:
        delete_draft(draft)
    return len(expired)


def upload_counts(draft: Draft) -> dict[str, int]:
    counts: dict[str, int] = {}
    for upload in draft.uploads:
        counts[upload.field] = counts.get(upload.field, 0) + 1
    return counts


def file_names(draft: Draft, field_name: str) -> list[str]:
    return [upload.name for upload in draft.uploads if upload.field == field_name]


def summary(definition: FormDefinition, draft: Draft, facts: dict) -> list[dict]:
    """Per visible step: its title and (label, answer) rows, for the check page and case."""
    answers = draft.answers
    sections = []
    for step in engine.visible_steps(definition, answers, facts):
        rows = [
            {"name": fact.name, "label": fact.label, "value": facts[fact.name], "fact": True}
            for fact in step.facts
            if fact.name in facts
        ]
        for item in engine.step_fields(step, answers, facts):
            value = engine.readable(item, answers.get(item.name), file_names(draft, item.name))
            rows.append({"name": item.name, "label": item.label, "value": value, "fact": False})
        if step.lookup and answers.get(step.lookup.store_as):
            typed = {step.lookup.postcode, step.lookup.number, step.lookup.addition}
            rows = [row for row in rows if row["name"] not in typed]
            rows.insert(
                0,
                {
                    "name": step.lookup.store_as,
                    "label": step.lookup.label,
                    "value": answers[step.lookup.store_as],
                    "fact": False,
                },
            )
        sections.append({"step": step, "rows": rows})
    return sections


def case_answers(definition: FormDefinition, draft: Draft, facts: dict, product) -> dict:
    """What the case keeps: every shown answer by field name, in Dutch (the source language,
    as cases store their texts), contact details apart."""
    with force_locale("nl"):
        answers = {}
        for section in summary(definition, draft, facts):
            if section["step"].name == CONTACT_STEP:
                continue
            for row in section["rows"]:
                answers[row["name"]] = str(row["value"])
        if definition.referral and product.partner:
            answers["doorgestuurd_naar"] = product.partner.name
    return answers


def _review_reason(definition: FormDefinition, draft: Draft, facts: dict) -> str | None:
    reasons = [draft.review_reason] if draft.review_reason else []
    asked_facts = [fact for step in definition.steps for fact in step.facts]
    if any(fact.name not in facts for fact in asked_facts):
        reasons.append(REGISTER_TYPED)
    return " ".join(reasons) or None


def _contact(kept: dict) -> dict:
    """The contact step's answers; a typed e-mail address is where this case's e-mails go
    (`portal.notifications.typed_address`)."""
    contact = {key: kept.get(key, "") for key in ("email", "telefoon")}
    if contact["email"]:
        contact["kanaal"] = "email"
    return contact


def submit(draft: Draft, definition: FormDefinition, principal, facts: dict, product):
    """Turn the draft into a case; a second call for the same draft returns the same case."""
    from portal.cases.creation import create_case

    kept = engine.kept_answers(definition, draft.answers, facts)
    draft.answers = kept
    visible_files = {
        item.name
        for step in engine.visible_steps(definition, kept, facts)
        for item in engine.step_fields(step, kept, facts)
        if item.is_file
    }
    attachments = [
        {"name": u.name, "content_type": u.content_type, "size": u.size, "path": u.path}
        for u in draft.uploads
        if u.field in visible_files
    ]
    case = create_case(
        product_slug=draft.product_slug,
        party=principal.subject,
        actor=principal,
        answers=case_answers(definition, draft, facts, product),
        idempotency_key=draft.submission_key,
        contact=_contact(kept) if definition.contact else None,
        review_reason=_review_reason(definition, draft, facts),
        attachments=attachments,
    )
    for upload in list(draft.uploads):
        if upload.field not in visible_files:
            uploads.remove_file(upload.path)
        draft.uploads.remove(upload)
    draft.submitted_at = now()
    draft.case_number = case.number
    draft.answers = {}
    draft.review_reason = None
    db.session.flush()
    # What other areas do right after a product's submission (e.g. propose a home visit).
    hooks.after_submit(case, principal)
    return case
