"""What the layout and the product page show of FAQ and notices, and how the editor shows a
draft there instead: the resident's own page, rendered by its own view, with the draft in
place of the live version.

The template globals (`site_banners`, `product_faqs`, `product_notices`) read the live
content; inside `previewing(...)` they show the draft as well, for this request only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import g, has_request_context, request

from portal.catalog import faq, notices

# Staff pages get no resident banners: they would cover the work, and the contact centre
# finds notices in the knowledge search.
STAFF_PREFIX = "/medewerkers"
_PREVIEW = "catalog_preview"


@dataclass(frozen=True)
class Draft:
    answer: faq.Answer | None = None
    notice: notices.Notice | None = None


@contextmanager
def previewing(
    *, answer: faq.Answer | None = None, notice: notices.Notice | None = None
) -> Iterator[None]:
    """Within this block the pages show `answer` or `notice` as if it were live (replacing
    the live one with the same slug)."""
    setattr(g, _PREVIEW, Draft(answer, notice))
    try:
        yield
    finally:
        g.pop(_PREVIEW, None)


def _draft() -> Draft | None:
    return g.get(_PREVIEW) if has_request_context() else None


def _with_draft(live: list, draft, belongs: bool, order) -> list:
    shown = [item for item in live if draft is None or item.slug != draft.slug]
    if draft is not None and belongs:
        shown.append(draft)
        shown.sort(key=order)
    return shown


def site_banners() -> list[notices.Notice]:
    draft = _draft()
    if draft is None and (not has_request_context() or request.path.startswith(STAFF_PREFIX)):
        return []
    notice = draft.notice if draft else None
    return _with_draft(
        notices.banners(),
        notice,
        notice is not None and notice.placement == notices.BANNER,
        notices.display_order,
    )


def product_notices(slug: str) -> list[notices.Notice]:
    draft = _draft()
    notice = draft.notice if draft else None
    return _with_draft(
        notices.for_product(slug),
        notice,
        notice is not None and notice.placement == notices.PRODUCT and notice.product_slug == slug,
        notices.display_order,
    )


def product_faqs(slug: str) -> list[faq.Answer]:
    draft = _draft()
    answer = draft.answer if draft else None
    return _with_draft(
        faq.for_product(slug),
        answer,
        answer is not None and answer.product_slug == slug,
        lambda item: (item.position, item.slug),
    )
