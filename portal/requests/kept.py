"""Answers typed on a step that could not be saved: the session had ended (the idle time-out,
noticed only when the step is posted without JavaScript) or the level of assurance was too
low. They are kept server side, never in the cookie, and shown in the step again when the
same person signs in and opens it; then they are removed.

"The same person" is the draft's owner: a kept row is found through its draft, and a draft
only through its owner (`services.draft_for`). What is kept is bounded: only the step's own
fields, each value at most a little longer than its field allows, all of it together at most
`limits.ANSWERS_BYTES`. Rows nobody comes back for go after `KEPT_MINUTES`.
"""

from __future__ import annotations

import json
from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, select
from werkzeug.datastructures import MultiDict

from portal.components.limits import ANSWERS_BYTES, DESCRIPTION
from portal.extensions import db
from portal.requests.definition import Step
from portal.requests.models import Draft, KeptAnswers
from portal.requests.services import now

KEPT_MINUTES = 120
DATE_PARTS = ("day", "month", "year")
VALUES_PER_FIELD = 50


def kept_minutes() -> int:
    return int(current_app.config.get("REQUEST_KEPT_ANSWERS_MINUTES", KEPT_MINUTES))


def _typed_fields(step: Step) -> dict[str, int]:
    """The names a step's form may post, with the longest value worth keeping for each.
    Register facts count too: when a register is down they are asked as questions."""
    limits = {}
    for item in [*step.fields, *(fact.as_field() for fact in step.facts)]:
        if item.is_file:
            continue
        # One character over the limit: the step still says the answer is too long.
        longest = (item.length_limit or DESCRIPTION) + 1
        limits[item.name] = longest
        if item.kind == "date":
            limits |= {f"{item.name}-{part}": 10 for part in DATE_PARTS}
    return limits


def _bounded(step: Step, posted: MultiDict) -> dict[str, list[str]]:
    fields = _typed_fields(step)
    values = {}
    for name, longest in fields.items():
        typed = [value[:longest] for value in posted.getlist(name)[:VALUES_PER_FIELD]]
        if any(typed):
            values[name] = typed
    return values


def keep(draft: Draft, step: Step, posted: MultiDict) -> bool:
    """Keep what was posted for this step, replacing what was kept before. False when there
    was nothing to keep or it was too large."""
    values = _bounded(step, posted)
    if not values or len(json.dumps(values).encode()) > ANSWERS_BYTES:
        return False
    row = db.session.scalars(
        select(KeptAnswers).where(
            KeptAnswers.draft_token == draft.token, KeptAnswers.step_name == step.name
        )
    ).first()
    if row is None:
        row = KeptAnswers(draft_token=draft.token, step_name=step.name)
        db.session.add(row)
    row.values = values
    row.kept_at = now()
    db.session.flush()
    return True


def take(draft: Draft, step: Step) -> tuple[MultiDict | None, bool]:
    """What was kept for this step of the owner's draft, removed as it is handed out (None
    when nothing was kept or it was kept too long ago); and whether a row was removed, which
    the caller commits."""
    row = next((kept for kept in draft.kept_answers if kept.step_name == step.name), None)
    if row is None:
        return None, False
    fresh = row.kept_at > now() - timedelta(minutes=kept_minutes())
    values = row.values if isinstance(row.values, dict) else {}
    db.session.delete(row)
    db.session.flush()
    if not fresh:
        return None, True
    allowed = _typed_fields(step)
    data = MultiDict()
    for name, typed in values.items():
        if name in allowed and isinstance(typed, list):
            data.setlist(name, [str(value) for value in typed])
    return data or None, True


def purge_expired() -> int:
    cutoff = now() - timedelta(minutes=kept_minutes())
    result = db.session.execute(delete(KeptAnswers).where(KeptAnswers.kept_at <= cutoff))
    return result.rowcount or 0
