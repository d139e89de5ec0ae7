"""Open reports near a point. (Interface; implemented by the nearby-query work.)"""

from dataclasses import dataclass

from portal.reports.models import Report
from portal.reports.texts import DUPLICATE_DAYS, DUPLICATE_RADIUS_M


@dataclass(frozen=True)
class Nearby:
    report: Report
    distance_m: float


def find_duplicates(
    main_category: str,
    latitude: float,
    longitude: float,
    *,
    radius_m: float = DUPLICATE_RADIUS_M,
    days: int = DUPLICATE_DAYS,
    limit: int = 5,
) -> list[Nearby]:
    """Open reports of this main category within `radius_m` made in the last `days`,
    nearest first."""
    raise NotImplementedError
