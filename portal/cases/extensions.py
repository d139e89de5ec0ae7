"""Parts other areas add to the Mijn zaken case page, per product.

A report (melding) is a case like any other, but its page also shows what only a report has:
category, place, photos, the report's own timeline and the "het is niet opgelost" form. The
reports area registers a function for its product in its `init_app`, so `portal.cases` never
imports the areas built on it:

    register_case_part("melding-openbare-ruimte", report_part)

`report_part(case, principal, form=None)` returns a `CasePart` (or None to show nothing).
`form` is the area's own form after a failed POST, so the page shows its errors: the area's
route calls `portal.cases.views.render_case(case, part_form=form, status=422)`.

A case can show several parts: its product's own and those registered with product None,
which show on every case (a proposed appointment can be on any case). A route whose part is
not the product's own names itself: `render_case(..., part_form=form, part_owner=function)`,
so the form reaches only that part.
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

_parts: dict[str | None, list[CasePartFunction]] = {}


def register_case_part(product_slug: str | None, function: CasePartFunction) -> None:
    """`product_slug` None: a part on every case. Registering again (a new app in the same
    process) changes nothing."""
    functions = _parts.setdefault(product_slug, [])
    if function not in functions:
        functions.append(function)


def case_parts(case, principal, form=None, owner=None) -> list[CasePart]:
    """The parts to show, the product's own first. `form` goes to `owner`, or to the
    product's own part when no owner is named."""
    own = _parts.get(case.product_slug, [])
    target = owner or (own[0] if own else None)
    found = (
        function(case, principal, form=form if function is target else None)
        for function in own + _parts.get(None, [])
    )
    return [part for part in found if part is not None]
