"""Turning ID-token claims into a principal. Pure functions: no request, no database.

Anything missing or malformed raises `ClaimError` with a code the sign-in page explains in
plain words; nothing here trusts a claim it has not checked.
"""

import re
from datetime import datetime

from portal.auth.principal import (
    COMPANY,
    DIGID,
    DIGID_LEVELS,
    EHERKENNING,
    EHERKENNING_LEVELS,
    PERSON,
    STAFF,
    Party,
    Principal,
    level_rank,
    meets_level,
)

KVK_PATTERN = re.compile(r"^[0-9]{8}$")
BRANCH_PATTERN = re.compile(r"^[0-9]{12}$")
SERVICE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
# case_handler: back office; editor: webteam (redacteur); kcc: contact centre; team_lead:
# dashboard (teamleider); admin: functional administration (beheerder), may do all of these.
KNOWN_ROLES = ("case_handler", "editor", "kcc", "team_lead", "admin")


class ClaimError(ValueError):
    """The token lacks a claim we need or carries one we cannot accept."""

    def __init__(self, code: str, claim: str = "") -> None:
        super().__init__(f"{code}: {claim}" if claim else code)
        self.code = code
        self.claim = claim


def is_valid_bsn(value: str) -> bool:
    """Nine digits passing the 11-check (elfproef) with the last digit weighted -1."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{9}", value):
        return False
    if value == "000000000":
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(value, weights, strict=True)) % 11 == 0


def is_valid_kvk(value: str) -> bool:
    return isinstance(value, str) and bool(KVK_PATTERN.match(value))


def _text(claims: dict, name: str) -> str | None:
    value = claims.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ClaimError("malformed", name)
    return value.strip()


def _level(claims: dict, names: dict, levels: dict, means: str, allowed: tuple[str, ...]) -> str:
    acr = _text(claims, names["level"])
    if acr is None:
        raise ClaimError("missing", names["level"])
    level = level_for(levels, acr, means)
    if level not in allowed:
        raise ClaimError("unknown_level", names["level"])
    return level


def level_for(levels: dict, acr: str, means: str) -> str:
    """The level an acr stands for on this means; "" when the table does not say. An entry is
    a level, or per means a level (eIDAS "substantial" is "substantieel" on DigiD and EH3 on
    eHerkenning). A DigiD class on an eHerkenning token stays refused."""
    value = levels.get(acr, "")
    if isinstance(value, dict):
        value = value.get(means, "")
    return value if isinstance(value, str) else ""


# What only the ID token may say: it is signed for us, the userinfo answer is not always.
ID_TOKEN_ONLY = ("iss", "aud", "exp", "iat", "nbf", "nonce", "auth_time", "acr", "amr", "azp")


def merge_userinfo(id_claims: dict, userinfo: dict) -> dict:
    """The ID token's claims with the userinfo answer's added. OIDC Core 5.3.2: the answer is
    about the same person only when its `sub` is the ID token's; anything else is refused."""
    if not isinstance(userinfo, dict):
        raise ClaimError("token_invalid", "userinfo")
    subject = id_claims.get("sub")
    if not isinstance(subject, str) or not subject or userinfo.get("sub") != subject:
        raise ClaimError("token_invalid", "userinfo_sub")
    extra = {k: v for k, v in userinfo.items() if k not in ID_TOKEN_ONLY}
    return {**id_claims, **extra}


def _services(claims: dict, name: str) -> tuple[str, ...]:
    value = claims.get(name)
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ClaimError("malformed", name)
    services = tuple(sorted({v.strip() for v in value if v.strip()}))
    if not all(SERVICE_PATTERN.match(s) for s in services):
        raise ClaimError("malformed", name)
    return services


def _represented(claims: dict, names: dict) -> tuple[Party | None, tuple[str, ...]]:
    bsn = _text(claims, names["represented_bsn"])
    kvk = _text(claims, names["represented_kvk"])
    if bsn and kvk:
        raise ClaimError("malformed", names["represented_bsn"])
    if bsn is None and kvk is None:
        return None, ()
    if bsn is not None and not is_valid_bsn(bsn):
        raise ClaimError("invalid_bsn", names["represented_bsn"])
    if kvk is not None and not is_valid_kvk(kvk):
        raise ClaimError("invalid_kvk", names["represented_kvk"])
    services = _services(claims, names["mandate_services"])
    if not services:
        # A mandate that names no service covers nothing; refuse rather than guess.
        raise ClaimError("missing", names["mandate_services"])
    party = Party(PERSON, bsn) if bsn else Party(COMPANY, kvk)
    return party, services


def resident_principal(claims: dict, names: dict, levels: dict, now: datetime) -> Principal:
    bsn = _text(claims, names["bsn"])
    if bsn is None:
        raise ClaimError("missing", names["bsn"])
    if not is_valid_bsn(bsn):
        raise ClaimError("invalid_bsn", names["bsn"])
    represented, services = _represented(claims, names)
    if represented is not None and represented.identifier == bsn:
        represented, services = None, ()
    return Principal(
        means=DIGID,
        level=_level(claims, names, levels, DIGID, DIGID_LEVELS),
        signed_in_at=now,
        bsn=bsn,
        represented=represented,
        mandate_services=services,
    )


def company_principal(claims: dict, names: dict, levels: dict, now: datetime) -> Principal:
    kvk = _text(claims, names["kvk"])
    if kvk is None:
        raise ClaimError("missing", names["kvk"])
    if not is_valid_kvk(kvk):
        raise ClaimError("invalid_kvk", names["kvk"])
    branch = _text(claims, names["branch"])
    if branch is not None and not BRANCH_PATTERN.match(branch):
        raise ClaimError("malformed", names["branch"])
    acting = _text(claims, names["acting_subject"])
    if acting is None:
        raise ClaimError("missing", names["acting_subject"])
    represented, services = _represented(claims, names)
    return Principal(
        means=EHERKENNING,
        level=_level(claims, names, levels, EHERKENNING, EHERKENNING_LEVELS),
        signed_in_at=now,
        kvk=kvk,
        branch=branch,
        acting_subject=acting,
        display_name=_text(claims, names["acting_subject_name"]) or "",
        represented=represented,
        mandate_services=services,
    )


def _staff_level(claims: dict, names: dict, levels: dict, minimum: str) -> None:
    """Staff reach every resident's data, so their sign-in must prove its level too; a token
    without one is refused rather than trusted."""
    acr = _text(claims, names["level"])
    if acr is None:
        raise ClaimError("missing", names["level"])
    level = level_for(levels, acr, STAFF)
    if level_rank(level) < 0:
        raise ClaimError("unknown_level", names["level"])
    if not meets_level(level, minimum):
        raise ClaimError("level_too_low", names["level"])


def staff_principal(
    claims: dict, names: dict, now: datetime, levels: dict, minimum: str
) -> Principal:
    subject = _text(claims, "sub")
    if subject is None:
        raise ClaimError("missing", "sub")
    _staff_level(claims, names, levels, minimum)
    roles = claims.get(names["roles"]) or []
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise ClaimError("malformed", names["roles"])
    # No (known) role is let through: the municipality's own roster may fill the roles
    # (`portal.auth.staff_roster.complete`, which refuses a staff member left without one).
    roles = tuple(sorted(r for r in set(roles) if r in KNOWN_ROLES))
    return Principal(
        means=STAFF,
        level=STAFF,
        signed_in_at=now,
        display_name=_text(claims, names["name"]) or "",
        email=_text(claims, names["email"]) or "",
        roles=roles,
        team=_text(claims, names["team"]),
        staff_id=subject,
    )


def principal_from_claims(means: str, claims: dict, config: dict, now: datetime) -> Principal:
    names, levels = config["OIDC_CLAIMS"], config["OIDC_LEVELS"]
    if means == DIGID:
        return resident_principal(claims, names, levels, now)
    if means == EHERKENNING:
        return company_principal(claims, names, levels, now)
    if means == STAFF:
        return staff_principal(
            claims, names, now, levels, config.get("OIDC_STAFF_MIN_LEVEL", "midden")
        )
    raise ClaimError("unknown_means", means)


MANDATE_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def mandate_choices(claims: dict, config: dict) -> list[dict]:
    """The mandates a representative may switch to: the broker's opaque id, the name and the
    services. A malformed entry is left out rather than failing the sign-in: the list only
    offers a new trip through the broker, which checks the mandate itself."""
    value = claims.get(config["OIDC_CLAIMS"].get("mandates", "machtigingen"))
    if not isinstance(value, list):
        return []
    choices = []
    for entry in value[:500]:
        if not isinstance(entry, dict):
            continue
        mandate_id, name = entry.get("id"), entry.get("naam")
        if not isinstance(mandate_id, str) or not MANDATE_ID_PATTERN.match(mandate_id):
            continue
        if not isinstance(name, str) or not name.strip():
            continue
        try:
            services = _services(entry, "diensten")
        except ClaimError:
            continue
        choices.append({"id": mandate_id, "name": name.strip()[:200], "services": list(services)})
    return choices
