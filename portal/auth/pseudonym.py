"""A keyed hash of an identifier (BSN, KVK number), for logs, audit rows and lookup keys.

The same identifier always gives the same pseudonym within one installation, so records can be
joined without storing the number itself. The key comes from settings, never from code.
"""

import hashlib
import hmac

from flask import current_app


def pseudonym(identifier: str) -> str:
    key = (current_app.config.get("PSEUDONYM_KEY") or current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(key, identifier.strip().encode(), hashlib.sha256).hexdigest()
    return digest[:32]
