"""Qmatic Orchestra's calendar ("calendar-backend" public appointment API) as the back end.

Many Dutch municipalities run Qmatic Orchestra at their desks. Its public calendar API books
in two steps: reserve a time (Qmatic holds it for a few minutes, status 10) and confirm it
with the customer (status 20). That maps onto our hold-then-confirm flow.

Endpoints, relative to `QMATIC_API_URL` (the base before `/v1` and `/v2`, e.g.
`https://qmatic.example.nl/calendar-backend/public/api`):

- `GET v1/branches/{branch}`: `{"branch": {"publicId", "name", "timeZone", ...}}`; dates and
  times are the branch's local clock without an offset, so its `timeZone` says what they mean.
- `GET v1/branches/{branch}/services`: `{"serviceList": [{"publicId", "duration",
  "additionalCustomerDuration", "active", "publicEnabled", ...}]}` (minutes).
- `GET v2/branches/{branch}/dates;servicePublicId={service}[;numberOfCustomers={extra}]`:
  `{"dates": ["2026-03-27T00:00:00", ...]}`. `numberOfCustomers` counts the people besides the
  first, so Qmatic only offers times where the longer appointment fits.
- `GET v2/branches/{branch}/dates/{yyyy-mm-dd}/times;servicePublicId=...`: `{"times": ["09:00"]}`.
- `POST v2/branches/{branch}/dates/{day}/times/{HH:MM}/reserve;...` with the appointment as body
  (`{"services": [{"publicId"}]}`): the reserved appointment, `{"publicId", "start", "end",
  "status": 10}`. A time someone else has: HTTP 409, or an error whose `error_message` header
  or body says the slot is not available (`ERROR_CANNOT_BE_RESERVED`).
- `POST v2/branches/appointments/{publicId}/confirm` with `{"title", "notes", "customers":
  [{"firstName", "lastName", "email", "phone"}]}`: the booked appointment. A reservation that ran
  out answers 404: the time may be gone, so that is "net bezet" too.
- `DELETE v1/appointments/{publicId}`: cancels a booking or releases a reservation; 404 is fine.

Authentication: `QMATIC_AUTH_TOKEN` in the header `QMATIC_AUTH_HEADER` (`X-Api-Key`, as Open
Forms configures Qmatic; an Orchestra API Gateway may want `auth-token`).

Sources (read, never copied): Open Forms' Qmatic plugin and client
(open-formulieren/open-forms, `src/openforms/appointments/contrib/qmatic/plugin.py`,
`client.py`, its recorded responses in `tests/mock/*.json` and the VCR cassettes against a real
Orchestra), its configuration page `docs/configuration/appointment/qmatic.rst` (API root without
`v1`/`v2`, header `X-Api-Key`), Qmatic's Angular booking clients that reserve and then confirm
through `v2/branches/appointments/{publicId}/confirm`, and a Katalon request collection naming
`v1/branches/{branch}/services/{service}/dates/{date}/times/{time}/reserve`.

Failures: every call has a timeout. Reads and deletes are tried once more after a timeout, a
broken connection or a 5xx; a POST only when it certainly did not arrive (no connection, or a
502/503/504 from the gateway), so a slow reserve is never sent twice. Then BackendUnavailable.
Logs name the step and the HTTP status, never a name, e-mail address or phone number.
"""

import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import requests
from urllib3.exceptions import NewConnectionError

from portal.appointments.backends.base import (
    BackendSlot,
    BackendSlotTaken,
    BackendUnavailable,
    Reservation,
)

log = logging.getLogger(__name__)
ATTEMPTS = 2  # the call and one retry
TAKEN_PHRASES = (
    "not available",
    "cannot_be_reserved",
    "cannot be reserved",
    "already reserved",
    "already booked",
)
GATEWAY_ERRORS = (502, 503, 504)


def parse_map(value: str | Mapping[str, str] | None) -> dict[str, str]:
    """Read `gemeentehuis=abc123,servicepunt-noord=def456` as {slug: Qmatic publicId}."""
    if isinstance(value, Mapping):
        return dict(value)
    pairs = (item.partition("=") for item in (value or "").split(","))
    found = {slug.strip(): public_id.strip() for slug, _, public_id in pairs}
    return {slug: public_id for slug, public_id in found.items() if slug and public_id}


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def _local_to_utc(day: date, clock: time, zone: ZoneInfo) -> datetime | None:
    """A branch's wall-clock time as naive UTC; None for a time that does not exist that day
    (the hour skipped when summer time starts)."""
    local = datetime.combine(day, clock, tzinfo=zone)
    utc = local.astimezone(UTC)
    if utc.astimezone(zone).replace(tzinfo=None) != local.replace(tzinfo=None):
        return None
    return utc.replace(tzinfo=None)


def _never_sent(error: requests.ConnectionError) -> bool:
    """True when the connection itself failed, so a POST cannot have arrived."""
    inner = error.args[0] if error.args else None
    return isinstance(getattr(inner, "reason", None), NewConnectionError)


def _split_name(name: str) -> tuple[str, str]:
    # Qmatic wants first and last name; "Jan de Vries" → ("Jan", "de Vries").
    first, _, rest = name.strip().partition(" ")
    return (first, rest.strip()) if rest.strip() else ("", first)


class QmaticBackend:
    def __init__(
        self,
        base_url: str,
        token: str,
        branches: Mapping[str, str],
        services: Mapping[str, str],
        *,
        timeout: float = 3.0,
        auth_header: str = "X-Api-Key",
        title: str = "MijnGemeente",
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = {"Accept": "application/json"} | ({auth_header: token} if token else {})
        self.branches = dict(branches)
        self.services = dict(services)
        self.timeout = timeout
        self.title = title
        self._zones: dict[str, ZoneInfo] = {}
        self._durations: dict[tuple[str, str], tuple[int, int]] = {}

    @classmethod
    def from_config(cls, config: Mapping) -> "QmaticBackend":
        return cls(
            config.get("QMATIC_API_URL", ""),
            config.get("QMATIC_AUTH_TOKEN", ""),
            parse_map(config.get("QMATIC_BRANCH_MAP")),
            parse_map(config.get("QMATIC_SERVICE_MAP")),
            timeout=float(config.get("QMATIC_TIMEOUT_SECONDS", 3)),
            auth_header=config.get("QMATIC_AUTH_HEADER") or "X-Api-Key",
            title=config.get("MUNICIPALITY_NAME") or "MijnGemeente",
        )

    # -- HTTP ---------------------------------------------------------------------------------

    def _call(self, step: str, method: str, path: str, **kwargs) -> requests.Response:
        """The response of any status below 500 (the caller reads it); BackendUnavailable when
        Qmatic cannot be reached or keeps failing. `step` names the call in the log."""
        if not self.base_url:
            raise BackendUnavailable("QMATIC_API_URL is not set")
        idempotent = method in ("GET", "DELETE")
        reason = ""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                response = requests.request(
                    method,
                    f"{self.base_url}/{path}",
                    headers=self.headers,
                    timeout=self.timeout,
                    **kwargs,
                )
            except requests.Timeout as error:  # a ConnectTimeout never reached Qmatic
                reason = type(error).__name__
                may_retry = idempotent or isinstance(error, requests.ConnectTimeout)
            except requests.ConnectionError as error:
                reason = type(error).__name__
                may_retry = idempotent or _never_sent(error)
            else:
                if response.status_code in (401, 403):
                    log.error("Qmatic %s refused our key: HTTP %s", step, response.status_code)
                    raise BackendUnavailable(f"HTTP {response.status_code}")
                if response.status_code < 500 or self._taken(response):
                    return response
                reason = f"HTTP {response.status_code}"
                may_retry = idempotent or response.status_code in GATEWAY_ERRORS
            log.warning("Qmatic %s failed (attempt %s): %s", step, attempt, reason)
            if not may_retry:
                break
        raise BackendUnavailable(reason)

    def _json(self, step: str, method: str, path: str, **kwargs) -> dict:
        return self._answer(step, self._call(step, method, path, **kwargs))

    @staticmethod
    def _taken(response: requests.Response) -> bool:
        """Qmatic's way of saying someone else has this time."""
        if response.status_code == 409:
            return True
        if response.status_code < 400 or response.status_code in GATEWAY_ERRORS:
            return False
        said = f"{response.headers.get('error_message', '')} {response.text[:500]}".lower()
        return any(phrase in said for phrase in TAKEN_PHRASES)

    # -- what the branch and service are ------------------------------------------------------

    def _ids(self, type_slug: str, location_slug: str) -> tuple[str, str] | None:
        branch, service = self.branches.get(location_slug), self.services.get(type_slug)
        return (branch, service) if branch and service else None

    def _zone(self, branch: str) -> ZoneInfo:
        if branch not in self._zones:
            detail = self._json("branch", "GET", f"v1/branches/{branch}").get("branch") or {}
            try:
                self._zones[branch] = ZoneInfo(detail.get("timeZone") or "Europe/Amsterdam")
            except (ZoneInfoNotFoundError, ValueError) as error:
                raise BackendUnavailable("unknown time zone") from error
        return self._zones[branch]

    def _duration(self, branch: str, service: str, persons: int) -> timedelta:
        if (branch, service) not in self._durations:
            answer = self._json("services", "GET", f"v1/branches/{branch}/services")
            for entry in answer.get("serviceList") or []:
                if isinstance(entry, dict) and entry.get("publicId"):
                    minutes = (
                        int(entry.get("duration") or 0),
                        int(entry.get("additionalCustomerDuration") or 0),
                    )
                    self._durations[(branch, entry["publicId"])] = minutes
        if (branch, service) not in self._durations:
            log.error("Qmatic branch does not offer the mapped service; check QMATIC_SERVICE_MAP")
            raise BackendUnavailable("service not offered at branch")
        first, extra = self._durations[(branch, service)]
        return timedelta(minutes=first + extra * (max(persons, 1) - 1))

    @staticmethod
    def _matrix(service: str, persons: int) -> str:
        extra = f";numberOfCustomers={persons - 1}" if persons > 1 else ""
        return f";servicePublicId={service}{extra}"

    # -- the AppointmentBackend protocol ------------------------------------------------------

    def free_slots(
        self, type_slug: str, location_slug: str, persons: int, start_day: date, days: int
    ) -> list[BackendSlot]:
        ids = self._ids(type_slug, location_slug)
        if ids is None:
            return []
        branch, service = ids
        zone, length = self._zone(branch), self._duration(branch, service, persons)
        matrix = self._matrix(service, persons)
        answer = self._json("dates", "GET", f"v2/branches/{branch}/dates{matrix}")
        last_day = start_day + timedelta(days=days)
        slots = []
        for day in sorted({self._day(value) for value in answer.get("dates") or []} - {None}):
            if not start_day <= day < last_day:
                continue
            path = f"v2/branches/{branch}/dates/{day.isoformat()}/times{matrix}"
            for value in self._json("times", "GET", path).get("times") or []:
                starts_at = self._start(day, value, zone)
                if starts_at is not None:
                    slots.append(BackendSlot(location_slug, starts_at, starts_at + length))
        return sorted(set(slots), key=lambda slot: slot.starts_at)

    @staticmethod
    def _day(value) -> date | None:
        try:
            return datetime.fromisoformat(str(value)[:10]).date()
        except ValueError:
            return None

    @staticmethod
    def _start(day: date, value, zone: ZoneInfo) -> datetime | None:
        try:
            clock = time.fromisoformat(str(value))
        except ValueError:
            return None
        return _local_to_utc(day, clock, zone)

    def reserve(
        self, type_slug: str, location_slug: str, starts_at: datetime, persons: int
    ) -> Reservation:
        ids = self._ids(type_slug, location_slug)
        if ids is None:
            log.error("No Qmatic branch or service mapped for this appointment type or location")
            raise BackendUnavailable("not mapped")
        branch, service = ids
        zone, length = self._zone(branch), self._duration(branch, service, persons)
        local = starts_at.replace(tzinfo=UTC).astimezone(zone)
        path = (
            f"v2/branches/{branch}/dates/{local.date().isoformat()}"
            f"/times/{local.strftime('%H:%M')}/reserve{self._matrix(service, persons)}"
        )
        body = {"services": [{"publicId": service}], "title": self.title}
        response = self._call("reserve", "POST", path, json=body)
        if self._taken(response):
            log.info("Qmatic reserve: the time is taken (HTTP %s)", response.status_code)
            raise BackendSlotTaken()
        answer = self._answer("reserve", response)
        reference = str(answer.get("publicId") or "")
        if not reference:
            raise BackendUnavailable("no publicId in the reservation")
        start, end = self._moment(answer.get("start")), self._moment(answer.get("end"))
        start = start or starts_at
        return Reservation(reference, start, end if end and end > start else start + length)

    def confirm(
        self, reservation_ref: str, *, name: str, email: str | None, phone: str | None
    ) -> str:
        first, last = _split_name(name)
        customer = {"firstName": first, "lastName": last}
        customer |= {key: value for key, value in (("email", email), ("phone", phone)) if value}
        body = {"title": self.title, "notes": "", "customers": [customer]}
        path = f"v2/branches/appointments/{quote(reservation_ref, safe='')}/confirm"
        response = self._call("confirm", "POST", path, json=body)
        if response.status_code == 404 or self._taken(response):
            log.info("Qmatic confirm: the reservation is gone (HTTP %s)", response.status_code)
            raise BackendSlotTaken()
        answer = self._answer("confirm", response)
        return str(answer.get("publicId") or reservation_ref)

    def cancel(self, external_ref: str) -> None:
        path = f"v1/appointments/{quote(external_ref, safe='')}"
        response = self._call("cancel", "DELETE", path)
        if response.status_code != 404 and not response.ok:
            log.warning("Qmatic cancel answered HTTP %s", response.status_code)
            raise BackendUnavailable(f"HTTP {response.status_code}")

    def _answer(self, step: str, response: requests.Response) -> dict:
        if not response.ok:
            log.warning("Qmatic %s answered HTTP %s", step, response.status_code)
            raise BackendUnavailable(f"HTTP {response.status_code}")
        try:
            answer = response.json()
        except ValueError as error:
            raise BackendUnavailable("no JSON in the answer") from error
        # Reading one appointment answers {"appointment": {...}} (Open Forms' plugin reads it
        # so); reserve and confirm answer it bare. Accept both.
        if isinstance(answer, dict) and isinstance(answer.get("appointment"), dict):
            answer = answer["appointment"]
        if not isinstance(answer, dict):
            raise BackendUnavailable("unexpected answer")
        return answer

    @staticmethod
    def _moment(value) -> datetime | None:
        # Qmatic writes "2016-11-10T11:30:00.000+0000"; without an offset it is not usable.
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return None
        return _utc(moment) if moment.tzinfo else None
