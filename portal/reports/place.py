"""The rules of the place step ("Waar is het?"): searching, choosing, the resident's own
address, a point from GPS or the map, and the photo route.

Each function returns an outcome the view shows; none raises for what a resident typed.
`problem` codes are words the view turns into B1 sentences:
    empty, short, long          the search text
    none                        nothing found
    unavailable                 the address search does not answer
    no_choice, unknown          nothing chosen, or a chosen id that is not (or no longer) there
    bad_point                   a point that is not a place on earth
    no_address                  the resident's own address cannot be found or fetched
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from portal.auth.access import may_see_personal_data
from portal.registries import purposes
from portal.registries.services import LookupNotAllowed, RegistryUnavailable, lookup_person
from portal.reports import drafts
from portal.reports.locations import (
    LocationUnavailable,
    Place,
    Suggestion,
    draft_location,
    location_service,
    parse_point,
    place_for_address,
    place_for_point,
)
from portal.reports.locations.area import Referral, who_else
from portal.reports.models import ReportDraft

log = logging.getLogger(__name__)
QUERY_MIN = 2
QUERY_MAX = 100
PLACE_ID_MAX = 120
RESULTS = 8


@dataclass(frozen=True)
class Search:
    query: str
    suggestions: list[Suggestion] = field(default_factory=list)
    problem: str = ""


@dataclass(frozen=True)
class Choice:
    """A place the draft can keep (`location`), or why not: a problem or a referral."""

    location: dict | None = None
    referral: Referral | None = None
    problem: str = ""


def search(query: str | None) -> Search:
    text = " ".join((query or "").split())
    if not text:
        return Search("", problem="empty")
    if len(text) > QUERY_MAX:
        return Search(text, problem="long")
    if len(text) < QUERY_MIN:
        return Search(text, problem="short")
    try:
        found = location_service().suggest(text, limit=RESULTS)
    except LocationUnavailable:
        return Search(text, problem="unavailable")
    return Search(text, found, problem="" if found else "none")


def _accept(place: Place | None, source: str, point: tuple[float, float] | None = None) -> Choice:
    latitude, longitude = point if point else (place.latitude, place.longitude)
    referral = who_else(latitude, longitude)
    if referral is not None:
        return Choice(referral=referral)
    return Choice(location=draft_location(place, source, latitude, longitude))


def choose(place_id: str | None) -> Choice:
    """A search result the resident picked."""
    if not place_id:
        return Choice(problem="no_choice")
    if len(place_id) > PLACE_ID_MAX:
        return Choice(problem="unknown")
    try:
        place = location_service().lookup(place_id)
    except LocationUnavailable:
        return Choice(problem="unavailable")
    if place is None:
        return Choice(problem="unknown")
    return _accept(place, "zoeken")


def choose_point(latitude: object, longitude: object, source: str) -> Choice:
    """A point from the device's position ("gps") or a pin on the map ("kaart")."""
    try:
        point = parse_point(latitude, longitude)
    except ValueError:
        return Choice(problem="bad_point")
    referral = who_else(*point)
    if referral is not None:
        return Choice(referral=referral)
    return Choice(location=draft_location(place_for_point(*point), source, *point))


def _offers_own_address(principal) -> bool:
    # Only for a resident acting for themselves: someone else's address is not offered.
    return (
        may_see_personal_data(principal)
        and principal.represented is None
        and principal.subject is not None
        and principal.subject.kind == "person"
    )


def own_address(principal) -> Place | None:
    """The signed-in resident's address from the BRP, as a place; None when there is none,
    or when the BRP or the address search does not answer. Each call is logged."""
    if not _offers_own_address(principal):
        return None
    try:
        person = lookup_person(
            principal.subject.identifier, purpose=purposes.REPORT_PLACE, principal=principal
        )
    except (RegistryUnavailable, LookupNotAllowed):
        log.warning("own address not available for the place step")
        return None
    if person is None or person.address is None:
        return None
    try:
        return place_for_address(person.address)
    except LocationUnavailable:
        return None


def choose_own_address(principal) -> Choice:
    place = own_address(principal)
    if place is None:
        return Choice(problem="no_address")
    return _accept(place, "eigen-adres")


def keep(draft: ReportDraft, location: dict) -> None:
    # A new place asks for a new look at the reports nearby (the duplicates step).
    drafts.update(draft, location=location, duplicates_seen=None)


def photo_gave_no_place(draft: ReportDraft) -> bool:
    """The resident chose to give the place through a photo, added the photos, and none
    carried a position: the place step is back, and the photo route is spent."""
    data = draft.data or {}
    return bool(
        data.get("place_from_photo") and data.get("photos_done") and not data.get("location")
    )


def take_place_from_photo(draft: ReportDraft) -> None:
    drafts.update(draft, place_from_photo=True)
