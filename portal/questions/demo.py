"""Demo windows of the contact centre: four a working day, each with the calls it can take."""

from sqlalchemy import func, select

from portal.extensions import db
from portal.questions.models import CallbackWindow

WINDOWS = (
    ("09:00", "11:00", 12),
    ("11:00", "13:00", 12),
    ("13:30", "15:30", 10),
    ("15:30", "17:00", 8),
)


def load() -> bool:
    """Add the windows when there are none; False when they are there already."""
    if db.session.scalar(select(func.count(CallbackWindow.id))):
        return False
    for starts, ends, capacity in WINDOWS:
        db.session.add(CallbackWindow(starts=starts, ends=ends, capacity=capacity, active=True))
    db.session.flush()
    return True
