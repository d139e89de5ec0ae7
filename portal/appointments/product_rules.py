"""Products whose request ends in a proposed appointment: right after a Wmo request (hulp bij
het huishouden) the portal proposes the first free home visit, at the address on the request.

The rule hooks into the request flow through `portal.requests.hooks`, so the requests area
never imports appointments. When nothing is free (or the kind of appointment is not set up),
the request is sent as normal and the Wmo team proposes a moment from the back office.
"""

import logging

from flask import url_for

from portal.appointments import booking, proposals
from portal.appointments import proposal_texts as texts
from portal.appointments.backends.base import BackendUnavailable
from portal.cases.extensions import CasePart

log = logging.getLogger(__name__)

# product slug -> (kind of appointment, place)
RULES = {"hulp-bij-het-huishouden": ("wmo-huisbezoek", "thuis")}


def propose_after_submit(case, principal) -> None:
    """Registered per product: propose once per case (a doubled submission proposes once)."""
    rule = RULES.get(case.product_slug)
    if rule is None or proposals.proposals_of(case):
        return
    type_slug, location_slug = rule
    try:
        proposals.first_free_proposal(case, type_slug, location_slug=location_slug, actor=None)
    except (proposals.ProposalError, booking.BookingError, BackendUnavailable):
        # No address, or an outside appointment system that does not answer: the request
        # still goes through, and the handler proposes a moment by hand.
        log.warning("no proposal after submitting %s", case.number)


def proposal_on_confirmation(case, principal) -> CasePart | None:
    """ "Wij stellen voor: ..." on the request's confirmation page, with a link to answer."""
    proposal = proposals.open_proposal(case)
    place = proposals.location_of(proposal) if proposal else None
    if place is None or proposals.is_expired(proposal):
        return None
    return CasePart(
        "appointments/proposal_confirmation.html",
        {
            "moment": texts.moment_text(proposal.starts_at, place),
            "answer_url": url_for(
                "cases.case_detail", number=case.number, _anchor="voorstel-title"
            ),
        },
    )


def init_app() -> None:
    from portal.requests.hooks import register_after_submit, register_confirmation_part

    for product_slug in RULES:
        register_after_submit(product_slug, propose_after_submit)
        register_confirmation_part(product_slug, proposal_on_confirmation)
