"""Who is signed in and on whose behalf: the principal every view and service asks about.

A principal is built from the ID-token claims at sign-in and kept server side (see
`sessions.py`); it never travels to the browser.
"""

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime

PERSON = "person"
COMPANY = "company"

DIGID = "digid"
EHERKENNING = "eherkenning"
STAFF = "staff"

# Levels of assurance, lowest first, per means. DigiD and eHerkenning levels compare within
# their own means; eIDAS "substantieel" equals EH3 when a product accepts both.
DIGID_LEVELS = ("basis", "midden", "substantieel", "hoog")
EHERKENNING_LEVELS = ("eh2", "eh2plus", "eh3", "eh4")
_EQUIVALENT = {"basis": 0, "eh2": 0, "midden": 1, "eh2plus": 1, "substantieel": 2, "eh3": 2}
_EQUIVALENT |= {"hoog": 3, "eh4": 3}


def level_rank(level: str) -> int:
    """0 (basis/EH2) to 3 (hoog/EH4); -1 for an unknown level."""
    return _EQUIVALENT.get(level, -1)


def meets_level(level: str, minimum: str | None) -> bool:
    if not minimum:
        return True
    return level_rank(level) >= level_rank(minimum)


@dataclass(frozen=True)
class Party:
    """A person (BSN) or a company (KVK number, optionally one branch)."""

    kind: str
    identifier: str
    branch: str | None = None


@dataclass(frozen=True)
class Principal:
    means: str
    level: str
    signed_in_at: datetime
    bsn: str | None = None
    kvk: str | None = None
    branch: str | None = None
    acting_subject: str | None = None
    display_name: str = ""
    represented: Party | None = None
    represented_name: str = ""
    mandate_services: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    team: str | None = None
    email: str = ""
    staff_id: str = field(default="")

    @property
    def is_staff(self) -> bool:
        return self.means == STAFF

    @property
    def acts_for_other(self) -> bool:
        return self.represented is not None

    @property
    def own_party(self) -> Party | None:
        if self.means == EHERKENNING and self.kvk:
            return Party(COMPANY, self.kvk, self.branch)
        if self.means == DIGID and self.bsn:
            return Party(PERSON, self.bsn)
        return None

    @property
    def subject(self) -> Party | None:
        """The party the actions concern: the represented one, else the signed-in one."""
        return self.represented or self.own_party

    def covers(self, service: str | None) -> bool:
        """True when the principal may act on `service` for its subject."""
        if not self.acts_for_other or service is None:
            return True
        return service in self.mandate_services

    def has_role(self, role: str) -> bool:
        return self.is_staff and (role in self.roles or "admin" in self.roles)

    def to_dict(self) -> dict:
        data = dataclasses.asdict(self)
        data["signed_in_at"] = self.signed_in_at.isoformat()
        data["mandate_services"] = list(self.mandate_services)
        data["roles"] = list(self.roles)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Principal":
        # Keys starting with "_" are the session's own (the ID token), not the principal's.
        values = {key: value for key, value in data.items() if not key.startswith("_")}
        values["signed_in_at"] = datetime.fromisoformat(values["signed_in_at"])
        if values.get("represented"):
            values["represented"] = Party(**values["represented"])
        values["mandate_services"] = tuple(values.get("mandate_services") or ())
        values["roles"] = tuple(values.get("roles") or ())
        return cls(**values)
