"""The report "Teksten die aandacht nodig hebben": the plain-language checks over every
published item of every content kind, worst first.

It reads the live content through each kind (`list_live`, `load_live`), never the
drafts, and reads the officialese list once for all items.
"""

import logging
from dataclasses import dataclass

from portal.editor import kinds
from portal.editor.checks import CODES, Report, check_item
from portal.editor.jargon_store import entries
from portal.editor.kinds.base import ContentKind

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttentionItem:
    kind: ContentKind
    key: str
    title: str
    report: Report

    @property
    def total(self) -> int:
        return len(self.report.findings)

    @property
    def blocking(self) -> int:
        return sum(1 for f in self.report.findings if f.blocking)

    def count(self, code: str) -> int:
        return sum(1 for f in self.report.findings if f.code == code)

    def per_check(self) -> list[tuple[str, int]]:
        """(check code, number of findings), in the order of `checks.CODES`."""
        return [(code, self.count(code)) for code in CODES if self.count(code)]


@dataclass(frozen=True)
class AttentionResult:
    items: list[AttentionItem]
    checked: int  # published items read, with or without findings
    # Kinds whose live content could not be read (a fault in that kind), by label.
    unreadable: list[str]


def _worst_first(item: AttentionItem) -> tuple:
    worst = item.report.worst_score
    return (-item.blocking, -item.total, worst if worst is not None else 999.0, item.title)


def attention(kind_name: str = "", code: str = "") -> AttentionResult:
    """Published items with at least one finding (of `code`, when given), of one kind
    (`kind_name`) or of all."""
    jargon = entries()
    items: list[AttentionItem] = []
    checked = 0
    unreadable: list[str] = []
    for kind in kinds.ordered():
        if kind_name and kind.name != kind_name:
            continue
        try:
            found, count = _items_of(kind, jargon)
        except Exception:
            # One broken kind must not hide the findings of all the others.
            log.exception("attention report: cannot read the live content of %s", kind.name)
            unreadable.append(str(kind.label))
            continue
        checked += count
        items.extend(item for item in found if not code or item.count(code))
    return AttentionResult(sorted(items, key=_worst_first), checked, unreadable)


def _items_of(kind: ContentKind, jargon) -> tuple[list[AttentionItem], int]:
    found = []
    count = 0
    for entry in kind.list_live():
        if not entry.published:
            continue
        data = kind.load_live(entry.key)
        if data is None:
            continue
        count += 1
        report = check_item(kind, data, jargon)
        if report.findings:
            found.append(AttentionItem(kind, entry.key, kind.title(data, entry.key), report))
    return found, count
