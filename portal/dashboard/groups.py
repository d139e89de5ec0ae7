"""Figures per group: per team when the dashboard shows every team, per product when it
shows one team (a bar per team would then be a single bar)."""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

TEAM = "team"
PRODUCT = "product"


@dataclass(frozen=True)
class Grouping:
    by: str
    team_names: dict[str, str]

    def key_of(self, team: str, product_slug: str) -> str:
        return team if self.by == TEAM else product_slug

    def label_of(self, key: str, product_name: str = "") -> str:
        if self.by == TEAM:
            return self.team_names.get(key, key)
        return product_name or key


def grouping_for(team: str, team_names: dict[str, str]) -> Grouping:
    return Grouping(PRODUCT if team else TEAM, team_names)


def collect(items: Iterable, key: Callable, label: Callable) -> dict[str, tuple[str, list]]:
    """Items per group key, with the group's label; sorted by label."""
    groups: dict[str, list] = defaultdict(list)
    labels: dict[str, str] = {}
    for item in items:
        group = key(item)
        groups[group].append(item)
        labels.setdefault(group, label(item))
    return {k: (labels[k], groups[k]) for k in sorted(groups, key=lambda k: labels[k].lower())}


def percentage(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None
