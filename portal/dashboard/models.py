"""The dashboard's one table: the open cases of a day, counted per team and product.

Counting the open cases means reading every one of them, which at a municipality's size
(tens of thousands open) takes longer than the rest of the page together. So the count is
kept here, refreshed by the worker every few minutes (`portal.dashboard.backlog`), and the
page says when it was counted. The last count of each day stays: the backlog "on the last
day of last month" is then what it was that day.
"""

from datetime import date, datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class BacklogCount(db.Model):
    __tablename__ = "dashboard_backlog"
    __table_args__ = (Index("ix_dashboard_backlog_day", "day", "counted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The day the cases were open on (Europe/Amsterdam), and when they were counted (UTC).
    day: Mapped[date]
    counted_at: Mapped[datetime]
    team: Mapped[str] = mapped_column(String(100))
    product_slug: Mapped[str] = mapped_column(String(100))
    product_name: Mapped[str] = mapped_column(String(200))
    open: Mapped[int]
    at_risk: Mapped[int]
    late: Mapped[int]
