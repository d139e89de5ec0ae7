"""Finding a person's cases by BSN (burgerservicenummer) or one case by its number.

A handler types what the resident or a letter says: "123 456 782", "123.456.782" or
"Z-2026-000123". The BSN is read from the posted form only and never goes into a URL, a
redirect or a log line; the audit row keeps its pseudonym and how many cases were found. Only
the cases of the handler's own teams are found, as in the queue: the search says nothing about
cases elsewhere.
"""

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from portal.auth.audit import record_event
from portal.auth.claims import is_valid_bsn
from portal.auth.pseudonym import pseudonym
from portal.backoffice.services import teams_for
from portal.cases.models import Case
from portal.extensions import db

# Separators people type between groups of digits; anything else is a typing mistake.
_SEPARATORS = re.compile(r"[\s.\-]+")
# A case number (Z-2026-000123) once the separators are gone.
CASE_NUMBER = re.compile(r"Z\d{10}")
# A handler finds one person's cases; more than this points at a test person or a mistake.
MOST_RESULTS = 200


class SearchError(ValueError):
    """What the handler typed cannot be searched for; the message is B1 Dutch."""


@dataclass(frozen=True)
class SearchTerm:
    kind: str  # "bsn" or "number"
    value: str


def parse(text: str) -> SearchTerm:
    """The BSN (nine digits, 11-proof) or case number in what was typed, or SearchError."""
    cleaned = _SEPARATORS.sub("", text or "")
    if not cleaned:
        raise SearchError(_l("Vul een BSN of een zaaknummer in"))
    if CASE_NUMBER.fullmatch(cleaned.upper()):
        digits = cleaned[1:]
        return SearchTerm("number", f"Z-{digits[:4]}-{digits[4:]}")
    if not cleaned.isascii() or not cleaned.isdigit():
        raise SearchError(
            _l("Een BSN heeft alleen cijfers. Een zaaknummer ziet eruit als Z-2026-000123.")
        )
    if len(cleaned) == 8:
        # Old documents drop the leading zero of a BSN.
        cleaned = "0" + cleaned
    if len(cleaned) != 9:
        raise SearchError(_l("Een BSN heeft 9 cijfers. Controleer het nummer."))
    if not is_valid_bsn(cleaned):
        raise SearchError(
            _l("Dit is geen geldig BSN. Er is een cijfer verkeerd. Controleer het nummer.")
        )
    return SearchTerm("bsn", cleaned)


def find_cases(principal, term: SearchTerm) -> list[Case]:
    """The cases of the handler's teams for the term, newest first; audited with a pseudonym."""
    teams = teams_for(principal)
    query = select(Case).where(Case.team.in_(teams))
    if term.kind == "bsn":
        query = query.where(Case.party_kind == "person", Case.party_identifier == term.value)
        target = "bsn:" + pseudonym(term.value)
    else:
        query = query.where(Case.number == term.value)
        target = term.value
    found = list(
        db.session.scalars(
            query.order_by(Case.created_at.desc(), Case.id.desc()).limit(MOST_RESULTS)
        )
    )
    record_event(
        "backoffice.case_search",
        "success" if found else "not_found",
        principal=principal,
        target=target,
        detail=f"kind={term.kind} results={len(found)}",
    )
    return found
