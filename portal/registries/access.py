"""Who may see which "Mijn gegevens" page, shared by the registries and profile views.

Means and level are checked by the sign-in area's decorator. What is left is particular to
these pages: a company signed in for itself has a company page instead of a person page, and
a representative sees personal data only when the mandate covers `persoonsgegevens`.
"""

from flask import render_template, url_for

from portal.auth.access import record_mandate_use
from portal.auth.audit import record_event
from portal.extensions import db

PERSON_DATA = "persoonsgegevens"  # the mandate service for seeing register data


def is_company(principal) -> bool:
    return principal.subject is not None and principal.subject.kind == "company"


def mijn_gegevens_url(principal, **args) -> str:
    """The "Mijn gegevens" page for this principal: the person page or the company page."""
    endpoint = "registries.company" if is_company(principal) else "registries.overview"
    return url_for(endpoint, **args)


def mandate_refusal(principal):
    """None when the principal may see the subject's personal data; otherwise the page that
    says the mandate does not cover it. Both the use and the refusal go to the audit trail."""
    if principal.covers(PERSON_DATA):
        if principal.acts_for_other:
            record_mandate_use(principal, PERSON_DATA)
        return None
    record_event("mandate.refused", "refused", principal=principal, target=PERSON_DATA)
    db.session.commit()
    return render_template("registries/not_covered.html", principal=principal), 403
