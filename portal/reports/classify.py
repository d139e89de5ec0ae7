"""Suggesting a category from a description. (Interface; implemented by the classifier work.)"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Suggestion:
    slug: str  # a subcategory slug
    score: float  # 0..1, higher is surer
    # The words of the description that led to it, shown to the resident ("want u schreef ...").
    because: tuple[str, ...] = ()


def suggest(description: str, limit: int = 3) -> list[Suggestion]:
    """The most likely subcategories for a description, best first; empty when nothing fits."""
    raise NotImplementedError
