"""Helping a caller further from a product: a question case, a call-back or an appointment.

Each uses the area that owns it, so the case is the same as one the caller would have made:
- a question ("Zaak starten") is `portal.questions.services.ask`: a case of "algemene-vraag"
  for the product's team, answered by e-mail or phone. The caller has not signed in, so the
  case gets an anonymous party (like a question asked without DigiD) and does not show in
  anyone's Mijn zaken. The caller's name goes into the question text, because a question
  case has no field for it.
- a call-back is `portal.questions.callbacks.request_callback` in a window the contact centre
  offers; the staff member is the case's actor.
- an appointment is booked in the residents' booking flow (/afspraak/<type>) with the
  caller's details: the flow asks for name, e-mail and phone and needs no sign-in for most
  types. Types that need DigiD (a Wmo home visit) are proposed by the handler on a case.

Functions flush and never commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from portal.appointments import availability
from portal.appointments.models import AppointmentType
from portal.cases.anonymous import anonymous_party
from portal.cases.models import Case
from portal.cases.services import get_case_by_key
from portal.extensions import db
from portal.knowledge.contacts import without_numbers
from portal.questions import callbacks
from portal.questions import services as questions
from portal.questions.models import Callback


@dataclass(frozen=True)
class Caller:
    name: str
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Started:
    """The case a follow-up made; `new` is False when the same form was sent before."""

    case: Case
    new: bool


def question_key_used(key: str) -> Case | None:
    return questions.case_for_key(key)


def start_question(topic: str, text: str, caller: Caller, answer_by: str, principal, key: str):
    """File the caller's question as a case for the product's team. `answer_by` is
    questions.EMAIL or questions.PHONE. The same key again returns the first case."""
    earlier = questions.case_for_key(key)
    if earlier is not None:
        return Started(earlier, False)
    with force_locale("nl"):
        told = _("Naam van de beller: %(name)s", name=caller.name)
    question = questions.Question(
        topic=topic,
        text=f"{without_numbers(text)}\n\n{told}"[: questions.QUESTION_MAX],
        channel=answer_by,
        email=caller.email,
        phone=caller.phone,
    )
    return Started(questions.ask(question, principal, key), True)


def callback_key(key: str) -> str:
    return f"terugbelverzoek:{key}"


def start_callback(
    topic: str,
    topic_name: str,
    note: str,
    caller: Caller,
    offered: callbacks.OfferedWindow,
    principal,
    key: str,
) -> Started:
    """Book the window and make the call-back case. `caller.phone` is E.164 already.
    Raises callbacks.WindowGone when the window filled up in between."""
    earlier = get_case_by_key(callback_key(key))
    if earlier is not None:
        return Started(earlier, False)
    with force_locale("nl"):
        told = _("Naam van de beller: %(name)s", name=caller.name)
    explained = " ".join(part for part in (told, without_numbers(note)) if part)
    callback: Callback = callbacks.request_callback(
        topic=topic,
        topic_name=topic_name,
        note=explained[: callbacks.NOTE_MAX],
        phone=caller.phone,
        offered=offered,
        party=anonymous_party(key, purpose="callback"),
        actor=principal,
        email=caller.email or None,
        language="nl",
        idempotency_key=callback_key(key),
    )
    return Started(db.session.get(Case, callback.case_id), True)


@dataclass(frozen=True)
class AppointmentRoute:
    """Where staff book for the product: `url` of the booking flow, or None with the reason."""

    url: str | None
    reason: str = ""


def appointment_route(product_slug: str, appointment_type: str | None) -> AppointmentRoute | None:
    """None when the product has no appointment at all."""
    kind = availability.get_type(appointment_type) if appointment_type else None
    if kind is None:
        kind = db.session.scalars(
            db.select(AppointmentType)
            .where(AppointmentType.product_slug == product_slug, AppointmentType.active)
            .order_by(AppointmentType.position, AppointmentType.slug)
        ).first()
    if kind is None:
        return None
    if kind.needs_sign_in:
        return AppointmentRoute(
            None,
            _(
                "Deze afspraak kan alleen met DigiD. Start een zaak: de behandelaar stelt dan "
                "een afspraak voor."
            ),
        )
    if not kind.bookable_online:
        return AppointmentRoute(None, _("Deze afspraak plant het team zelf. Start een zaak."))
    return AppointmentRoute(url_for("appointments.book", type_slug=kind.slug))
