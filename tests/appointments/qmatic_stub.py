"""A small local stand-in for Qmatic Orchestra's public calendar API, answering in its shapes.

Source of the shapes: the responses Open Forms recorded from a real Orchestra
(open-formulieren/open-forms, `src/openforms/appointments/contrib/qmatic/tests/mock/`
`branches.json`, `services.json`, `dates.json`, `times.json`, `book.json`, and the VCR cassettes
next to them): lists come as `{"branchList" | "serviceList" | "dates" | "times": [...],
"meta": {...}, "notifications": []}`, a branch has `publicId`, `name`, `timeZone`,
`fullTimeZone` and address fields, a service `duration` and `additionalCustomerDuration` in
minutes, dates are `"2026-03-27T00:00:00"` and times `"09:00"` on the branch's clock, and an
appointment is `{"publicId", "start": "...000+0000", "end", "status", "services", "customers",
"branch", ...}` with status 10 while reserved and 20 once confirmed. Errors carry an
`error_message` header (Orchestra exposes `error_code, error_message`). The ids, names and
opening hours below are made up.

The stub keeps state: a reserved or booked time is no longer offered, `take()` lets someone
else book a time, `expire()` lets a reservation run out. It checks the `X-Api-Key` header.
`mode` makes it slow or broken; `fail_next` fails that many calls with 503; `requests` keeps
what it was sent.
"""

from __future__ import annotations

import json
import secrets
import threading
import time as clock
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal.devtools.smtp_catcher import free_port

TOKEN = "qmatic-test-key"
PREFIX = "/calendar-backend/public/api/"
AMSTERDAM = "Europe/Amsterdam"
BRANCHES = {
    "4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a": {
        "name": "Gemeentehuis",
        "addressLine1": "Markt 1",
        "addressZip": "9999 AA",
        "addressCity": "Voorbeeld",
    },
    "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d": {
        "name": "Servicepunt Noord",
        "addressLine1": "Noorderplein 4",
        "addressZip": "9999 BB",
        "addressCity": "Voorbeeld",
    },
}
SERVICES = {
    "Paspoort_ID_aanvragen": {
        "name": "Paspoort of ID-kaart aanvragen",
        "duration": 15,
        "extra": 10,
    },
    "Rijbewijs": {"name": "Rijbewijs", "duration": 10, "extra": 10},
}
OPEN, CLOSE, STEP = time(9, 0), time(12, 30), timedelta(minutes=15)
DAYS_AHEAD = 28


def _meta(total: int, arguments: dict | None = None) -> dict:
    return {
        "start": "",
        "end": "",
        "totalResults": total,
        "offset": None,
        "limit": None,
        "fields": "",
        "arguments": arguments or {},
    }


def _branch(public_id: str) -> dict:
    detail = BRANCHES[public_id]
    return {
        "publicId": public_id,
        "name": detail["name"],
        "timeZone": AMSTERDAM,
        "fullTimeZone": AMSTERDAM,
        "addressLine1": detail["addressLine1"],
        "addressLine2": None,
        "addressZip": detail["addressZip"],
        "addressCity": detail["addressCity"],
        "addressState": None,
        "addressCountry": "Nederland",
        "phone": "14 0999",
        "email": None,
        "branchPrefix": None,
        "latitude": None,
        "longitude": None,
        "custom": None,
        "created": 1445417803528,
        "updated": 1534410592257,
    }


def _service(public_id: str) -> dict:
    detail = SERVICES[public_id]
    return {
        "publicId": public_id,
        "name": detail["name"],
        "duration": detail["duration"],
        "additionalCustomerDuration": detail["extra"],
        "active": True,
        "publicEnabled": True,
        "custom": None,
        "created": 1448449772835,
        "updated": 1688460228939,
    }


def _qmatic_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000+0000")


class QmaticStub:
    def __init__(self, slow_seconds: float = 1.0) -> None:
        self.mode = "ok"  # "ok", "slow", "down" (HTTP 503), "garbage" (not JSON)
        self.fail_next = 0
        self.slow_seconds = slow_seconds
        self.today = date(2026, 3, 23)
        self.requests: list[dict] = []
        self.appointments: dict[str, dict] = {}
        self._lock = threading.Lock()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}{PREFIX.rstrip('/')}"
        self._server = make_server("127.0.0.1", self.port, self._app, threaded=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> QmaticStub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def reset(self) -> None:
        self.mode, self.fail_next, self.today = "ok", 0, date(2026, 3, 23)
        self.requests.clear()
        self.appointments.clear()

    # -- helpers for tests --------------------------------------------------------------------

    def take(self, branch: str, service: str, local_start: datetime, persons: int = 1) -> str:
        """Someone else books this time (given on the branch's clock)."""
        start = local_start.replace(tzinfo=ZoneInfo(AMSTERDAM))
        return self._add(branch, service, start, persons, status=20)

    def expire(self, public_id: str) -> None:
        """A reservation ran out before it was confirmed."""
        if self.appointments.get(public_id, {}).get("status") == 10:
            del self.appointments[public_id]

    # -- the calendar -------------------------------------------------------------------------

    def _length(self, service: str, persons: int) -> timedelta:
        detail = SERVICES[service]
        return timedelta(minutes=detail["duration"] + detail["extra"] * (persons - 1))

    def _add(self, branch, service, start: datetime, persons: int, status: int) -> str:
        public_id = secrets.token_hex(16)
        self.appointments[public_id] = {
            "branch": branch,
            "service": service,
            "start": start.astimezone(UTC),
            "end": (start + self._length(service, persons)).astimezone(UTC),
            "persons": persons,
            "status": status,
            "customers": [],
        }
        return public_id

    def _free(self, branch: str, start: datetime, end: datetime) -> bool:
        return not any(
            a["branch"] == branch and a["start"] < end and start < a["end"]
            for a in self.appointments.values()
        )

    def _times(self, branch: str, service: str, day: date, persons: int) -> list[str]:
        if day.weekday() >= 5 or not self.today <= day < self.today + timedelta(DAYS_AHEAD):
            return []
        zone, length = ZoneInfo(AMSTERDAM), self._length(service, persons)
        start = datetime.combine(day, OPEN, tzinfo=zone)
        close = datetime.combine(day, CLOSE, tzinfo=zone)
        times = []
        while start + length <= close:
            if self._free(branch, start.astimezone(UTC), (start + length).astimezone(UTC)):
                times.append(start.strftime("%H:%M"))
            start += STEP
        return times

    def _appointment(self, public_id: str) -> dict:
        a = self.appointments[public_id]
        return {
            "publicId": public_id,
            "start": _qmatic_time(a["start"]),
            "end": _qmatic_time(a["end"]),
            "status": a["status"],
            "title": "Online booking" if a["status"] == 20 else "Pending reservation",
            "allDay": False,
            "blocking": False,
            "services": [_service(a["service"])],
            "customers": a["customers"],
            "branch": _branch(a["branch"]),
            "notes": None,
            "custom": None,
            "resource": {"name": "Balie 1"},
        }

    # -- HTTP ---------------------------------------------------------------------------------

    def _app(self, environ, start_response):
        request = Request(environ)
        self.requests.append(
            {
                "method": request.method,
                "path": request.path,
                "headers": dict(request.headers),
                "json": request.get_json(silent=True),
            }
        )
        if self.mode == "slow":
            clock.sleep(self.slow_seconds)
        if self.mode == "down" or self.fail_next > 0:
            self.fail_next = max(0, self.fail_next - 1)
            return Response("Service Unavailable", status=503)(environ, start_response)
        if self.mode == "garbage":
            return Response("<html>onderhoud</html>", mimetype="text/html")(environ, start_response)
        if request.headers.get("X-Api-Key") != TOKEN:
            return self._error(401, "Unauthorized")(environ, start_response)
        with self._lock:
            response = self._route(request)
        return response(environ, start_response)

    def _error(self, status: int, message: str) -> Response:
        return Response(
            json.dumps({"msg": message}),
            status=status,
            mimetype="application/json",
            headers={"error_code": str(status), "error_message": message},
        )

    def _json(self, body: dict) -> Response:
        return Response(json.dumps(body), mimetype="application/json")

    def _route(self, request: Request) -> Response:
        if not request.path.startswith(PREFIX):
            return self._error(404, "Not found")
        path, *matrix = request.path[len(PREFIX) :].split(";")
        params = dict(item.partition("=")[::2] for item in matrix)
        parts = path.strip("/").split("/")
        method = request.method
        if method == "GET" and parts == ["v1", "branches"]:
            branches = [_branch(b) for b in BRANCHES]
            return self._json({"branchList": branches, "meta": _meta(2), "notifications": []})
        if parts[:2] == ["v1", "branches"] and parts[2] not in BRANCHES:
            return self._error(404, "Branch not found")
        if method == "GET" and len(parts) == 3 and parts[:2] == ["v1", "branches"]:
            return self._json({"branch": _branch(parts[2]), "meta": _meta(1), "notifications": []})
        if method == "GET" and len(parts) == 4 and parts[3] == "services":
            services = [_service(s) for s in SERVICES]
            return self._json({"serviceList": services, "meta": _meta(2), "notifications": []})
        if parts[:2] == ["v2", "branches"] and len(parts) >= 4 and parts[3] == "dates":
            return self._schedule(method, parts, params, request)
        if method == "POST" and parts[:3] == ["v2", "branches", "appointments"]:
            return self._confirm(parts[3], request.get_json(silent=True) or {})
        if method == "DELETE" and parts[:2] == ["v1", "appointments"] and len(parts) == 3:
            if self.appointments.pop(parts[2], None) is None:
                return self._error(404, "Appointment not found")
            return Response(status=204)
        return self._error(404, "Not found")

    def _schedule(self, method: str, parts: list, params: dict, request: Request) -> Response:
        branch, service = parts[2], params.get("servicePublicId")
        if branch not in BRANCHES or service not in SERVICES:
            return self._error(404, "Branch or service not found")
        persons = int(params.get("numberOfCustomers", "0")) + 1
        if method == "GET" and len(parts) == 4:
            days = [self.today + timedelta(n) for n in range(DAYS_AHEAD)]
            dates = [f"{d}T00:00:00" for d in days if self._times(branch, service, d, persons)]
            return self._json({"dates": dates, "meta": _meta(len(dates), params)})
        day = date.fromisoformat(parts[4])
        if method == "GET" and parts[5:] == ["times"]:
            times = self._times(branch, service, day, persons)
            return self._json({"times": times, "meta": _meta(len(times)), "notifications": []})
        if method == "POST" and len(parts) == 8 and parts[7] == "reserve":
            if parts[6] not in self._times(branch, service, day, persons):
                return self._error(409, "Time slot not available")
            hour, minute = (int(x) for x in parts[6].split(":"))
            start = datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(AMSTERDAM))
            public_id = self._add(branch, service, start, persons, status=10)
            return self._json(self._appointment(public_id))
        return self._error(404, "Not found")

    def _confirm(self, public_id: str, body: dict) -> Response:
        appointment = self.appointments.get(public_id)
        if appointment is None or appointment["status"] != 10:
            return self._error(404, "Reservation not found")
        appointment["status"] = 20
        appointment["customers"] = [
            {**customer, "publicId": secrets.token_hex(8)} for customer in body.get("customers", [])
        ]
        return self._json(self._appointment(public_id))
