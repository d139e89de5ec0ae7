"""What other areas add to a product's request, so `portal.requests` never imports them.

An area registers, per product, in its own `init_app`:

    register_after_submit("hulp-bij-het-huishouden", propose_home_visit)
    register_confirmation_part("hulp-bij-het-huishouden", proposal_on_confirmation)

`after_submit(case, principal)` runs in the submission's transaction, right after the case
is made (`services.submit`); it flushes and never commits, and it must not fail the
submission for something it cannot do (nothing free to propose is simply nothing). It may run
twice for one case when the same submission arrives twice, so it must be idempotent.

`confirmation_part(case, principal)` returns a `portal.cases.extensions.CasePart` (or None):
its template is included on the confirmation page, e.g. "Wij stellen voor: ...".
"""

from collections.abc import Callable

from portal.cases.extensions import CasePart

AfterSubmit = Callable[..., None]
ConfirmationPart = Callable[..., CasePart | None]

_after_submit: dict[str, list[AfterSubmit]] = {}
_confirmation_parts: dict[str, list[ConfirmationPart]] = {}


def _add(registry: dict, product_slug: str, function) -> None:
    # A new app in the same process (tests) registers again: keep each function once.
    functions = registry.setdefault(product_slug, [])
    if function not in functions:
        functions.append(function)


def register_after_submit(product_slug: str, function: AfterSubmit) -> None:
    _add(_after_submit, product_slug, function)


def register_confirmation_part(product_slug: str, function: ConfirmationPart) -> None:
    _add(_confirmation_parts, product_slug, function)


def after_submit(case, principal) -> None:
    for function in _after_submit.get(case.product_slug, []):
        function(case, principal)


def confirmation_parts(case, principal) -> list[CasePart]:
    found = (f(case, principal) for f in _confirmation_parts.get(case.product_slug, []))
    return [part for part in found if part is not None]
