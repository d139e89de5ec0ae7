"""Audiences that other areas add: people the notifications area cannot find on its own.

The built-in audiences (the party of a case, a team mailbox, an address being confirmed) are
resolved by `portal.notifications.compose`. An area with its own kind of recipient, such as
the people who follow a report without an account, registers a resolver in its `init_app`:

    register_audience("follower", resolve_follower)

and writes outbox rows with `payload["recipient"] == "follower"` and `payload["follower_id"]`
(the `<name>_id` field names the row that knows the address). The resolver runs when the
e-mail is sent, so a follower who stopped in between gets nothing. This way the
notifications area never imports the areas that use it.

A resolver may also give values for the text's placeholders (`params`, e.g. the date of an
appointment, already worded in `language`) and files to attach (`attachments`: (filename,
MIME type, bytes), e.g. an ICS invitation; the MIME type may carry parameters such as
"text/calendar; method=REQUEST"). Both are made at send time, so they show the latest state.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Addressee:
    """What a resolver finds at send time. `address` None means: do not send, because of
    `skip_reason` (kept in the outbox row; never an address or a name)."""

    address: str | None
    language: str | None = None
    # The page the e-mail links to, e.g. the follow link of a report.
    link: str | None = None
    skip_reason: str | None = None
    params: dict = field(default_factory=dict)
    attachments: tuple[tuple[str, str, bytes], ...] = ()


Resolver = Callable[[dict], Addressee]

_resolvers: dict[str, Resolver] = {}


def register_audience(name: str, resolver: Resolver) -> None:
    """Add an audience; `resolver(payload)` gets the outbox row's payload. Registering the
    same name again replaces the resolver (each app registers once at start-up)."""
    _resolvers[name] = resolver


def is_registered(name: str | None) -> bool:
    return name in _resolvers


def resolve(name: str, payload: dict) -> Addressee:
    return _resolvers[name](payload)


def reference_field(name: str) -> str:
    """The payload field that names the recipient's row, e.g. "follower_id"."""
    return f"{name}_id"
