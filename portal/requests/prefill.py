"""What the municipality already knows, for a form: register facts and contact details.

Facts always concern the principal's subject: the person or company the request is for (when
acting for someone, that person's data). They are looked up for the request being handled and
never kept in a draft; the case keeps the ones it was submitted with. When a register cannot
be reached, the facts it would give are simply missing and the form asks them instead.

A form shows its facts on more than one page (the step, the check page, the submission), and
a person goes back and forth. They are looked up once per draft and sign-in
(`facts_for_draft`): asking the register again on every page view would tell nothing new, and
would fill the processing log the person reads in Mijn gegevens with the same lookup over and
over. Kept with the server-side session, only the facts the form shows, they go when it ends
(sign-out, 15 minutes idle, the maximum): a draft lives for weeks, and the facts do not.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import format_date

from portal.auth import keep_with_session, kept_with_session
from portal.registries import purposes
from portal.registries.display import partial_date
from portal.registries.services import (
    RegistryUnavailable,
    lookup_address,
    lookup_company,
    lookup_person,
)
from portal.requests.definition import AddressLookup, FormDefinition

log = logging.getLogger(__name__)
REGISTER_NAMES = {"brp": "BRP", "bag": "BAG", "kvk": "KVK"}


def _address_line(address) -> str:
    return f"{address.street_line}, {address.postcode_line}" if address else ""


def _person_values(person) -> dict[str, str]:
    if person is None:
        return {}
    values = {"person.name": person.full_name}
    if person.birth_date:
        values["person.birth_date"] = format_date(person.birth_date, "d MMMM y")
    elif person.birth is not None and person.birth.year:
        # The BRP knows only the year, or year and month: show that rather than ask the
        # person for a day the register does not have.
        values["person.birth_date"] = partial_date(person.birth)
    if person.address:
        values["person.address"] = _address_line(person.address)
    return values


def _company_values(company, branch_number: str | None) -> dict[str, str]:
    if company is None:
        return {}
    values = {"company.name": company.name, "company.kvk": company.kvk}
    branch = company.branch(branch_number) or company.main_branch
    if branch is not None:
        values["branch.name"] = branch.name
        values["branch.number"] = branch.number
        if branch.address_line:
            values["branch.address"] = branch.address_line
    return values


# The session's key for the facts of the draft being filled in (one draft at a time).
KEPT_FACTS = "request_facts"


@dataclass(frozen=True)
class DraftFacts:
    values: dict[str, str]
    # The registers were asked, and the processing log written: the caller commits.
    looked_up: bool = False


def facts_for_draft(definition: FormDefinition, principal, token: str) -> DraftFacts:
    """The facts of the form of draft `token`, from the registers once per sign-in (module
    docstring). What a register did not answer is not kept: the next page asks again."""
    if not _sources(definition):
        return DraftFacts({})
    subject = principal.subject
    owner = [subject.kind, subject.identifier, subject.branch or ""]
    kept = kept_with_session(KEPT_FACTS)
    if (
        isinstance(kept, dict)
        and kept.get("draft") == token
        and kept.get("owner") == owner
        and isinstance(kept.get("facts"), dict)
    ):
        return DraftFacts(kept["facts"])
    values, answered = _looked_up(definition, principal)
    if answered:
        keep_with_session(KEPT_FACTS, {"draft": token, "owner": owner, "facts": values})
    return DraftFacts(values, looked_up=True)


def forget_facts() -> None:
    """The draft is sent: the session need not keep its facts any longer."""
    if kept_with_session(KEPT_FACTS) is not None:
        keep_with_session(KEPT_FACTS, None)


def _sources(definition: FormDefinition) -> set[str]:
    return {fact.source for step in definition.steps for fact in step.facts}


def _looked_up(definition: FormDefinition, principal) -> tuple[dict[str, str], bool]:
    """Fact name → text, for every fact of the form the registers could give; and whether
    every register asked answered."""
    sources = _sources(definition)
    if not sources:
        return {}, True
    subject = principal.subject
    values: dict[str, str] = {}
    answered = True
    try:
        if any(source.startswith("person.") for source in sources) and subject.kind == "person":
            values |= _person_values(
                lookup_person(
                    subject.identifier, purpose=purposes.PREFILL_REQUEST, principal=principal
                )
            )
        if any(not source.startswith("person.") for source in sources) and (
            subject.kind == "company"
        ):
            company = lookup_company(
                subject.identifier, purpose=purposes.PREFILL_REQUEST, principal=principal
            )
            values |= _company_values(company, subject.branch)
    except RegistryUnavailable:
        log.warning("register unavailable while pre-filling %s", definition.product)
        answered = False
    facts = {
        fact.name: values[fact.source]
        for step in definition.steps
        for fact in step.facts
        if values.get(fact.source)
    }
    return facts, answered


def contact_defaults(principal) -> dict[str, str]:
    """E-mail and phone of the person filling in (a representative's own, see
    `contact_to_fill_in`)."""
    from portal.profile.services import contact_to_fill_in

    contact = contact_to_fill_in(principal)
    if contact is None:
        return {}
    return {"email": contact.email, "telefoon": contact.phone}


@dataclass(frozen=True)
class LookupResult:
    answers: dict
    error: str | None = None
    review_reason: str | None = None


def look_up_address(lookup: AddressLookup, answers: dict, principal) -> LookupResult:
    """Check the typed address in the BAG. Not found: an error for the postcode field. BAG
    down: keep what was typed and ask street and place on the next step."""
    from flask_babel import gettext as _

    postcode = answers.get(lookup.postcode, "")
    number = answers.get(lookup.number, "")
    addition = answers.get(lookup.addition) if lookup.addition else None
    checked = f"{lookup.store_as}_gecontroleerd"
    try:
        found = lookup_address(
            postcode,
            int(number),
            purpose=purposes.CHECK_MOVE,
            principal=principal,
            addition=addition or None,
        )
    except RegistryUnavailable as error:
        # The address comes from the BAG, the number of residents from the BRP: name the
        # one that failed, so the back office knows what to check.
        register = REGISTER_NAMES.get(error.register, error.register.upper())
        typed = " ".join(part for part in (postcode.upper(), number, addition or "") if part)
        return LookupResult(
            {lookup.store_as: typed, checked: "nee"},
            review_reason=f"Adres niet gecontroleerd: de {register} was niet bereikbaar.",
        )
    except ValueError:
        return LookupResult({}, error=_("Vul een geldige postcode in. Bijvoorbeeld 9999 AA."))
    if found is None:
        return LookupResult(
            {},
            error=_(
                "Wij vinden dit adres niet. Controleer de postcode, het huisnummer en de "
                "toevoeging."
            ),
        )
    review = None
    if lookup.review_from_residents and found.residents >= lookup.review_from_residents:
        review = f"Op het nieuwe adres staan al {found.residents} mensen ingeschreven."
    return LookupResult(
        {lookup.store_as: _address_line(found.address), checked: "ja"}, review_reason=review
    )
