"""The rules of handling a report in the back office: start, plan, forward, close, change the
category, merge a duplicate, approve a photo for the public overview. The same on many reports
at once is `portal.reports.bulk`.

Each rule keeps three records in step: the report's own timeline (`ReportStatus`, what the
reporter and followers read), the case (through `portal.cases.handling`, so Mijn zaken and the
case back office agree) and the audit trail (the case's events and the security log).
Followers hear of a change through `portal.reports.following.notify_followers`. Every rule
flushes and never commits: the request commits once.

Which handler may act on which report (their own team) is the views' check, with
`portal.reports.queue.report_for_staff`; the rules take a report that may be handled.
Errors a handler can cause are `HandlingError` with a B1 message and the form field it
belongs next to.
"""

from datetime import UTC, date

import holidays
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.auth.audit import record_event
from portal.cases import handling as case_handling
from portal.cases import services as cases
from portal.cases.calendar import add_working_days, is_working_day
from portal.cases.models import Case
from portal.cases.texts import DONE as CASE_DONE
from portal.cases.texts import IN_PROGRESS as CASE_IN_PROGRESS
from portal.cases.texts import REFERRED as CASE_REFERRED
from portal.extensions import db
from portal.i18n import current_locale
from portal.reports import following
from portal.reports.categories import get_category
from portal.reports.models import Report, ReportPhoto, ReportStatus
from portal.reports.photos import add_result_photo
from portal.reports.texts import DONE, FORWARDED, IN_PROGRESS, PLANNED, REPORTED

TEXT_MAX = 2000
ORGANISATION_MAX = 200


class HandlingError(cases.CaseError):
    """A change that is not allowed; `field` names the form field the message goes with."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def case_of(report: Report) -> Case:
    return db.session.get(Case, report.case_id)


def require_open(report: Report) -> None:
    if not report.is_open:
        raise HandlingError(_l("Deze melding is al afgehandeld. U kunt niets meer wijzigen."))


def check_plan_date(day: date | None) -> date:
    """Work is planned on a working day from today on; when not, the message says why."""
    if day is None:
        raise HandlingError(_l("Vul de datum in waarop het werk gebeurt."), "day")
    if day < cases.today():
        raise HandlingError(_l("Deze datum is al voorbij. Kies vandaag of een latere dag."), "day")
    if not is_working_day(day):
        raise HandlingError(_not_a_working_day(day), "day")
    return day


def _not_a_working_day(day: date) -> str:
    shown = format_date(day, "EEEE d MMMM y")
    if day.weekday() >= 5:
        return _(
            "%(date)s valt in het weekend. Kies een werkdag van maandag tot en met vrijdag.",
            date=shown,
        )
    language = "en_US" if current_locale() == "en" else "nl"
    name = holidays.Netherlands(years=day.year, language=language).get(day)
    # The portal's calendar closes on 5 May every year, the package only in lustrum years.
    name = name or (_("Bevrijdingsdag") if (day.month, day.day) == (5, 5) else _("een feestdag"))
    return _(
        "Op %(date)s is het %(holiday)s. Dan werken wij niet. Kies een andere dag.",
        date=shown,
        holiday=name,
    )


def check_text(value: str | None, field: str, *, required=None, limit=TEXT_MAX) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            raise HandlingError(required, field)
        return None
    if len(text) > limit:
        raise HandlingError(
            _l("De tekst is te lang. Gebruik maximaal %(limit)s tekens.", limit=limit), field
        )
    return text


def check_result_text(value: str | None) -> str:
    return check_text(
        value, "result_text", required=_l("Schrijf op wat er is gedaan. De melder leest dit.")
    )


def _audit(report: Report, action: str, actor, detail: dict | None = None) -> None:
    case = case_of(report)
    cases.audit(case, action, actor, detail)
    record_event(f"reports.{action}", "success", principal=actor, target=case.number)


def _timeline(report: Report, status: str, *, note=None, planned_for=None, forwarded_to=None):
    report.status = status
    report.updated_at = cases.now()
    report.history.append(
        ReportStatus(
            status=status,
            note=note,
            planned_for=planned_for,
            forwarded_to=forwarded_to,
            created_at=report.updated_at,
        )
    )


def _finish(report: Report) -> None:
    report.is_open = False
    report.closed_at = report.updated_at


def _dutch_date(day: date) -> str:
    """Text stored with the case is kept in Dutch (`cases.stored_text`), dates too."""
    with force_locale("nl"):
        return format_date(day, "d MMMM y")


def start(report: Report, actor) -> None:
    """ "In behandeling": someone of the team is on it."""
    require_open(report)
    if report.status != REPORTED:
        raise HandlingError(_l("Deze melding is al in behandeling."))
    _timeline(report, IN_PROGRESS)
    case_handling.change_status(case_of(report), CASE_IN_PROGRESS, None, actor)
    _audit(report, "report_started", actor)
    following.notify_followers(report, "status_changed")
    db.session.flush()


def plan(report: Report, day: date | None, note: str | None, actor) -> None:
    """ "Ingepland": the reporter sees the date the work is done. Planning again moves it."""
    require_open(report)
    day = check_plan_date(day)
    note = check_text(note, "note")
    report.planned_for = day
    _timeline(report, PLANNED, note=note, planned_for=day)
    planned = cases.stored_text(
        _l("Wij hebben het werk ingepland op %(date)s.", date=_dutch_date(day))
    )
    case_handling.change_status(
        case_of(report), CASE_IN_PROGRESS, " ".join(filter(None, [planned, note])), actor
    )
    _audit(report, "report_planned", actor, {"date": day.isoformat()})
    following.notify_followers(report, "status_changed")
    db.session.flush()


def forward(
    report: Report, organisation: str | None, message_to_reporter: str | None, actor
) -> None:
    """Another organisation solves it (the water board, ProRail): our part ends here."""
    require_open(report)
    organisation = check_text(
        organisation,
        "organisation",
        required=_l("Vul in naar welke organisatie u de melding stuurt."),
        limit=ORGANISATION_MAX,
    )
    message = check_text(
        message_to_reporter,
        "message",
        required=_l("Schrijf een bericht aan de melder. Zeg wie het oplost."),
    )
    report.forwarded_to = organisation
    _timeline(report, FORWARDED, note=message, forwarded_to=organisation)
    _finish(report)
    reason = cases.stored_text(
        _l("Wij hebben uw melding doorgestuurd naar %(organisation)s.", organisation=organisation)
    )
    case_handling.close_case(case_of(report), CASE_REFERRED, f"{reason} {message}", actor)
    _audit(report, "report_forwarded", actor, {"organisation": organisation})
    following.notify_followers(report, "closed")
    db.session.flush()


def close(report: Report, result_text: str | None, actor, result_photo=None) -> None:
    """ "Afgehandeld", with what was done; the reporter gets the text (and the photo, if any).

    `result_photo` is an upload (werkzeug FileStorage) of the result; a refused photo raises
    `portal.reports.photos.PhotoRefused` before anything changes.
    """
    require_open(report)
    text = check_result_text(result_text)
    if result_photo is not None:
        add_result_photo(report, result_photo)
    report.result_text = text
    _timeline(report, DONE, note=text)
    _finish(report)
    case_handling.close_case(case_of(report), CASE_DONE, text, actor)
    _audit(report, "report_closed", actor, {"photo": result_photo is not None})
    following.notify_followers(report, "closed")
    db.session.flush()


def change_category(report: Report, new_slug: str | None, actor) -> None:
    """Routing follows the category: its team gets the case, its norm sets the date.

    Both come from the category rows the webteam maintains, not from code.
    """
    require_open(report)
    category = get_category(new_slug or "")
    if category is None:
        raise HandlingError(
            _l("Deze categorie kennen wij niet. Kies een categorie uit de lijst."), "category"
        )
    if category.slug == report.category_slug:
        raise HandlingError(
            _l("De melding staat al in deze categorie. Kies een andere."), "category"
        )
    old = report.category_slug
    report.category_slug = category.slug
    report.main_category = category.main_slug
    report.updated_at = cases.now()
    case = case_of(report)
    received_on = case.created_at.replace(tzinfo=UTC).astimezone(cases.AMSTERDAM).date()
    case.team = category.team
    case.norm_working_days = category.norm_working_days
    case.norm_weeks = None
    case.expected_completion = add_working_days(received_on, category.norm_working_days)
    # A warning sent for the old date says nothing about the new one.
    case.deadline_notified = None
    case.updated_at = report.updated_at
    _audit(
        report,
        "report_category_changed",
        actor,
        {"from": old, "to": category.slug, "team": category.team},
    )
    db.session.flush()


def merge(duplicate: Report, into: Report, actor) -> None:
    """The duplicate closes as merged into the other; its followers move along.

    The duplicate's followers are told first, while they still follow it. Someone who already
    follows `into` (same e-mail address or same signed-in person) stays behind on the closed
    duplicate, so nobody gets two e-mails for one change and their old link keeps working.
    """
    if duplicate.id == into.id:
        raise HandlingError(
            _l("U kunt een melding niet samenvoegen met zichzelf. Kies een andere melding."), "into"
        )
    require_open(duplicate)
    into_case = case_of(into)
    if not into.is_open:
        raise HandlingError(
            _l(
                "Melding %(number)s is al afgehandeld. Kies een melding die nog open is.",
                number=into_case.number,
            ),
            "into",
        )
    text = cases.stored_text(
        _l(
            "Deze melding gaat over hetzelfde als melding %(number)s. Wij lossen het daar op. "
            "U krijgt daarover bericht.",
            number=into_case.number,
        )
    )
    duplicate.merged_into_id = into.id
    duplicate.result_text = text
    _timeline(duplicate, DONE, note=text)
    _finish(duplicate)
    case_handling.close_case(case_of(duplicate), CASE_DONE, text, actor)
    following.notify_followers(duplicate, "merged")
    moved = _move_followers(duplicate, into)
    _audit(duplicate, "report_merged", actor, {"into": into_case.number, "followers_moved": moved})
    _audit(into, "report_merged_in", actor, {"from": case_of(duplicate).number})
    db.session.flush()


def _move_followers(duplicate: Report, into: Report) -> int:
    active = [f for f in into.followers if f.stopped_at is None]
    emails = {f.email.lower() for f in active if f.email}
    parties = {f.party_pseudonym for f in active if f.party_pseudonym}
    moved = 0
    for follower in list(duplicate.followers):
        if follower.stopped_at is not None:
            continue
        email = (follower.email or "").lower()
        party = follower.party_pseudonym
        if (email and email in emails) or (party and party in parties):
            continue
        follower.report = into
        # They reported the duplicate; on the report that stays they follow it.
        follower.role = "follower"
        emails.add(email)
        parties.add(party)
        moved += 1
    return moved


def approve_photo(photo: ReportPhoto, actor, approved: bool = True) -> None:
    """Only photos a handler approved appear on the public overview: a photo may show people,
    number plates or the inside of a house."""
    photo.public_approved = approved
    action = "report_photo_approved" if approved else "report_photo_withdrawn"
    _audit(photo.report, action, actor, {"photo": photo.id})
    db.session.flush()
