"""How appointments are worded for residents: times in the municipality's clock, in the page's
(or the e-mail's) language, and the names of types and locations in that language.

Times are stored as naive UTC. They are shown in Europe/Amsterdam whatever the server's or
the browser's time zone: an appointment is at the town hall, so its local time is the one
that counts, also on the night the clocks move.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import dates
from flask_babel import gettext as _
from flask_babel import ngettext

from portal.appointments.availability import slot_value
from portal.appointments.models import Appointment, AppointmentType, Location
from portal.appointments.resident_services import chosen_day
from portal.i18n import current_locale

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(moment: datetime) -> datetime:
    """A stored (naive UTC) moment as an aware Amsterdam time."""
    return moment.replace(tzinfo=UTC).astimezone(AMSTERDAM)


def local_day(moment: datetime) -> date:
    return local(moment).date()


# A time list shows a hundred times or more; Babel takes tens of microseconds for each, so
# the words for a day and a clock time are kept per language (a few hundred strings at most).
@lru_cache(maxsize=2048)
def _date_words(locale: str, day: date, pattern: str) -> str:
    return dates.format_date(day, pattern, locale=locale)


@lru_cache(maxsize=512)
def _clock_words(locale: str, hour: int, minute: int) -> str:
    return dates.format_time(
        time(hour, minute), "H.mm" if locale == "nl" else "short", locale=locale
    )


def day_text(day: date, locale: str | None = None) -> str:
    """ "dinsdag 8 december" (the year only when it is not this year)."""
    this_year = datetime.now(AMSTERDAM).year
    pattern = "EEEE d MMMM" if day.year == this_year else "EEEE d MMMM y"
    return _date_words(locale or current_locale(), day, pattern)


def time_text(moment: datetime, locale: str | None = None) -> str:
    """ "10.00" in Dutch, "10:00 AM" in English."""
    clock = local(moment)
    return _clock_words(locale or current_locale(), clock.hour, clock.minute)


def when_text(moment: datetime) -> str:
    """ "dinsdag 8 december om 10.00 uur"."""
    return _("%(day)s om %(time)s uur", day=day_text(local_day(moment)), time=time_text(moment))


def type_name(kind: AppointmentType) -> str:
    return kind.name_en if current_locale() == "en" and kind.name_en else kind.name_nl


def location_name(place: Location) -> str:
    return place.name_en if current_locale() == "en" and place.name_en else place.name_nl


def where_text(place: Location | None, appointment: Appointment | None = None) -> str:
    """The place in one line: "Gemeentehuis, Markt 1, 1234 AB Voorbeeld"; for a home visit
    the address the resident gave."""
    if place is None:
        return ""
    if place.kind == "thuis" and appointment is not None and appointment.visit_address:
        return _("Bij u thuis: %(address)s", address=appointment.visit_address)
    if place.address:
        return f"{location_name(place)}, {place.address}"
    return location_name(place)


def bring_list(kind: AppointmentType) -> list[str]:
    items = kind.bring_en if current_locale() == "en" and kind.bring_en else kind.bring_nl
    return [str(item) for item in items or []]


def cost_text(kind: AppointmentType) -> str:
    return (
        kind.cost_text_en if current_locale() == "en" and kind.cost_text_en else kind.cost_text_nl
    )


@dataclass(frozen=True)
class Shown:
    """An appointment as a page or an e-mail shows it."""

    reference: str
    what: str
    when: str
    where: str
    persons: int
    bring: list[str]
    cost: str


def shown(appointment: Appointment, kind: AppointmentType | None, place: Location | None) -> Shown:
    return Shown(
        reference=appointment.reference,
        what=type_name(kind) if kind else "",
        when=when_text(appointment.starts_at),
        where=where_text(place, appointment),
        persons=appointment.persons,
        bring=bring_list(kind) if kind else [],
        cost=cost_text(kind) if kind else "",
    )


@dataclass(frozen=True)
class DayRow:
    """The day a time list shows: a heading and its times as (form value, label) pairs."""

    heading: str
    times: list[tuple[str, str]]


def day_row(day) -> DayRow:
    """An `availability.DaySlots` as a page shows it."""
    locale = current_locale()
    return DayRow(
        heading=day_text(day.day, locale),
        times=[
            (slot_value(slot.starts_at), time_text(slot.starts_at, locale)) for slot in day.slots
        ],
    )


@dataclass(frozen=True)
class DayChoice:
    """A day in the list of days to choose from: its words, its free times, its link."""

    text: str
    count_text: str
    url: str
    current: bool


def day_choices(days: list, chosen, window_url: str) -> list[DayChoice]:
    """`availability.DaySlots` as links to their times; `window_url` is the page of these
    days (with a query string), `chosen` the day shown now. A link leads to the times
    themselves (#tijden), so on a phone they are in view at once."""
    locale = current_locale()
    return [
        DayChoice(
            text=day_text(day.day, locale),
            count_text=ngettext("%(num)s tijd vrij", "%(num)s tijden vrij", len(day.slots)),
            url=f"{window_url}&dag={day.day.isoformat()}#tijden",
            current=day is chosen,
        )
        for day in days
    ]


def time_list(window, wanted, page_url, hidden: dict) -> dict:
    """What templates/appointments/_time_list.html shows for a `resident_services.TimeWindow`:
    the days as links and the times of `wanted` (else of the first day with free times).
    `page_url(day)` is the page of the window from that day; `hidden` what the form sends
    along, to which the week and the day shown are added (a page with an error shows them
    again)."""
    chosen = chosen_day(window, wanted)
    hidden = {**hidden, "vanaf": window.first_day.isoformat()}
    if chosen is not None:
        hidden["dag"] = chosen.day.isoformat()
    return {
        "window": window,
        "choices": day_choices(window.days, chosen, page_url(window.first_day)),
        "row": day_row(chosen) if chosen is not None else None,
        "hidden": hidden,
        "range_text": range_text(window),
        "page_url": page_url,
    }


def range_text(window) -> str:
    """ "Vrije tijden van maandag 7 december tot en met zondag 13 december." for a
    `resident_services.TimeWindow`."""
    locale = current_locale()
    return _(
        "Vrije tijden van %(first)s tot en met %(last)s.",
        first=_date_words(locale, window.first_day, "EEEE d MMMM"),
        last=_date_words(locale, window.last_day, "EEEE d MMMM"),
    )


def slot_rows(slots: list) -> list[tuple[str, str]]:
    """Loose slots (the nearest free ones) as (form value, "dinsdag 8 december om 10.00 uur")."""
    return [(slot_value(slot.starts_at), when_text(slot.starts_at)) for slot in slots]


def duration_text(length) -> str:
    minutes = int(length.total_seconds() // 60)
    return _("De afspraak duurt %(minutes)s minuten.", minutes=minutes)
