"""Mijn gegevens: what the registers say about the signed-in person or company, where each
fact comes from, how to have it corrected, and who looked at it.

Register data is fetched for the page and not stored. When a register does not answer, the
page still shows, says so in plain words, and the rest (contact details, links) works.
A representative sees the represented person's data only when the mandate covers
`persoonsgegevens`.
"""

from functools import wraps

from flask import Blueprint, redirect, render_template, request, url_for

from portal.auth import current_principal
from portal.auth.access import sign_in_required
from portal.extensions import db
from portal.profile import services as profile
from portal.registries import display, processing_log, purposes
from portal.registries.access import is_company, mandate_refusal, mijn_gegevens_url
from portal.registries.services import RegistryUnavailable, lookup_company, lookup_person

bp = Blueprint("registries", __name__)

NOTICES = ("opgeslagen", "bevestig-email")


def companies_to_company_page(view):
    """A company signed in for itself has no person data: send it to the company page
    before the person page's sign-in level is checked."""

    @wraps(view)
    def routed(**kwargs):
        principal = current_principal()
        if principal is not None and not principal.is_staff and is_company(principal):
            return redirect(url_for("registries.company"))
        return view(**kwargs)

    return routed


def _contact(party) -> dict:
    return {
        "contact": profile.contact_for(party),
        "pending_email": profile.pending_email_for(party),
        "notice": request.args.get("melding") if request.args.get("melding") in NOTICES else None,
    }


@bp.get("/mijn-gegevens")
@companies_to_company_page
@sign_in_required(means=("digid", "eherkenning"), level="substantieel")
def overview():
    principal = current_principal()
    if refusal := mandate_refusal(principal):
        return refusal
    person, unavailable = None, False
    try:
        person = lookup_person(
            principal.subject.identifier, purpose=purposes.MIJN_GEGEVENS, principal=principal
        )
    except RegistryUnavailable:
        unavailable = True
    db.session.commit()  # the processing log entry of this lookup
    return render_template(
        "registries/person.html",
        principal=principal,
        person=person,
        person_facts=display.person_facts(person) if person else [],
        unavailable=unavailable,
        **_contact(principal.subject),
    )


@bp.get("/mijn-gegevens/bedrijf")
@sign_in_required(means=("digid", "eherkenning"), level="eh2plus")
def company():
    principal = current_principal()
    if not is_company(principal):
        # A person, or an administrator acting for a client, has a person page instead.
        return redirect(url_for("registries.overview"))
    if refusal := mandate_refusal(principal):
        return refusal
    found, unavailable = None, False
    try:
        found = lookup_company(
            principal.subject.identifier, purpose=purposes.MIJN_GEGEVENS, principal=principal
        )
    except RegistryUnavailable:
        unavailable = True
    db.session.commit()
    return render_template(
        "registries/company.html",
        principal=principal,
        company=found,
        unavailable=unavailable,
        **_contact(principal.subject),
    )


@bp.get("/mijn-gegevens/klopt-er-iets-niet")
@sign_in_required(means=("digid", "eherkenning"), level="midden")
def corrections():
    principal = current_principal()
    return render_template(
        "registries/corrections.html",
        principal=principal,
        is_company=is_company(principal),
        back_url=mijn_gegevens_url(principal),
    )


@bp.get("/mijn-gegevens/wie-heeft-gekeken")
@sign_in_required(means=("digid", "eherkenning"), level="substantieel")
def processing():
    principal = current_principal()
    if refusal := mandate_refusal(principal):
        return refusal
    subject = principal.subject.identifier
    name = principal.represented_name if principal.acts_for_other else ""
    reader = processing_log.actor_key(principal)
    entries = [
        processing_log.describe(entry, subject, name, reader)
        for entry in processing_log.entries_about(subject)
    ]
    return render_template(
        "registries/processing.html",
        principal=principal,
        entries=entries,
        retention_years=processing_log.RETENTION.days // 365,
        back_url=mijn_gegevens_url(principal),
    )
