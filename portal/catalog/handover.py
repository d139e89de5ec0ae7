"""A warm hand-over for everyone: who helps with a product another organisation handles.

The WOZ and municipal taxes are handled by a partner (handling level 5). Anyone may learn
who helps, how to reach them, what to have at hand and by when they answer, without
signing in: only passing the question on with the resident's data needs DigiD.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from portal.cases.calendar import add_working_days
from portal.catalog.read_model import Partner, Product

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@dataclass(frozen=True)
class Handover:
    product: Product
    partner: Partner
    # The answer date when someone contacts the partner today; None when they promised none.
    answer_by: date | None


def today() -> date:
    """Today in the municipality; a function so tests can move the clock."""
    return datetime.now(AMSTERDAM).date()


def handover_for(product: Product, on: date | None = None) -> Handover | None:
    """The hand-over of a referral product; None for a product the municipality handles."""
    if product.channel != "referral" or product.partner is None:
        return None
    days = product.partner.answer_days
    answer_by = add_working_days(on or today(), days) if days else None
    return Handover(product=product, partner=product.partner, answer_by=answer_by)
