"""Parts other areas add to the Mijn zaken case page, per product.

A report (melding) is a case like any other, but its page also shows what only a report has:
category, place, photos, the report's own timeline and the "het is niet opgelost" form. The
reports area registers a function for its product in its `init_app`, so `portal.cases` never
imports the areas built on it:

    register_case_part("melding-openbare-ruimte", report_part)

`report_part(case, principal, form=None)` returns a `CasePart` (or None to show nothing).
`form` is the area's own form after a failed POST, so the page shows its errors: the area's
route calls `portal.cases.views.render_case(case, part_form=form, status=422)`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class CasePart:
    """`template` is included in templates/cases/detail.html with `part` (this object) in
    its context; `form`, when it has errors, goes into the page's error summary."""

    template: str
    context: dict = field(default_factory=dict)
    form: object | None = None


CasePartFunction = Callable[..., CasePart | None]

_parts: dict[str, CasePartFunction] = {}


def register_case_part(product_slug: str, function: CasePartFunction) -> None:
    _parts[product_slug] = function


def case_part(case, principal, form=None) -> CasePart | None:
    function = _parts.get(case.product_slug)
    return function(case, principal, form=form) if function else None
