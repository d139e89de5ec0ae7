"""A party for someone who is not signed in: a report or a question filed without DigiD or
eHerkenning still needs a party on its case (`Case.party_kind`, `party_identifier`).

The identifier is derived from a seed (the submission's idempotency key), so a retried send
finds its case, and it matches no one's "Mijn zaken": nobody can sign in as it.
"""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app

from portal.auth.principal import Party

ANONYMOUS = "anonymous"


def anonymous_party(seed: str, *, purpose: str = "report") -> Party:
    """16 hex characters that cannot be traced back, the same for every try with one seed.
    `purpose` keeps the parties of different areas apart (reports keep their old value)."""
    key = current_app.secret_key.encode() if current_app.secret_key else b""
    digest = hmac.new(key, f"anonymous-{purpose}:{seed}".encode(), hashlib.sha256)
    return Party(ANONYMOUS, digest.hexdigest()[:16])


def is_anonymous(party_kind: str | None) -> bool:
    return party_kind == ANONYMOUS
