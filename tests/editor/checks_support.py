"""A small content kind for the checks' tests, with live content the test chooses, so the
checks and the report are tested apart from the real kinds' tables."""

import pytest

from portal.editor import kinds
from portal.editor.kinds.base import ContentKind, Field, LiveEntry

CLEAN = "Wij sturen u een brief. U kunt de brief lezen. Bel ons als u vragen heeft."
# Hand-counted: 17 words, 2 sentences, 37 syllables (ge-meen-te-lij-ke, be-las-ting-aan-slag,
# au-to-ma-tisch, ver-stuurd, in-wo-ners, in-dien, con-tact, op-ne-men …).
HARD = (
    "De gemeentelijke belastingaanslag wordt automatisch verstuurd naar alle inwoners. "
    "Indien u vragen heeft, kunt u contact opnemen."
)


def texts(nl: dict, en: dict | None = None) -> dict:
    return {"facts": {"team": "burgerzaken"}, "texts": {"nl": nl, "en": en or {}}}


class FakeKind(ContentKind):
    name = "proefsoort"
    label = "Proefteksten"
    label_one = "Proeftekst"
    title_field = "title"
    fields = (
        Field("title", "Titel", "line", localized=True),
        Field("intro", "Inleiding", "text", localized=True),
        Field("body", "Tekst", "markdown", localized=True),
        Field("steps", "Stappen", "lines", localized=True),
        Field("notes", "Notities", "text", localized=True, checked=False),
        Field("team", "Team", "line"),
    )

    def __init__(self, live: dict[str, tuple[bool, dict]] | None = None) -> None:
        self.live = live or {}

    def list_live(self) -> list[LiveEntry]:
        return [
            LiveEntry(key, self.title(data, key), published)
            for key, (published, data) in self.live.items()
        ]

    def load_live(self, key: str) -> dict | None:
        found = self.live.get(key)
        return found[1] if found else None


@pytest.fixture
def fake_kind(monkeypatch):
    """A registered FakeKind; set `.live` to {key: (published, data)}."""
    kind = FakeKind()
    monkeypatch.setitem(kinds.KINDS, kind.name, kind)
    return kind
