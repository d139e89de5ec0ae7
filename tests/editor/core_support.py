"""A small content kind for the editor core's tests. Its live content is a dict the test
can read, so publishing is checked against what the kind received, apart from the real
kinds' tables. Form targets (`FORMS`) can disappear, like a product's form can."""

from datetime import UTC, datetime

import pytest
from markupsafe import escape
from sqlalchemy import update

from portal.components.markdown import render
from portal.editor import kinds
from portal.editor.kinds.base import ContentKind, Field, LiveEntry
from portal.editor.models import Item, JargonWord
from portal.extensions import db
from tests.support.principals import staff

FORMS = {"aanvraag": "Aanvraagformulier", "bezwaar": "Bezwaarformulier"}
# A form slug the fake kind refuses to publish, after writing a row (so a test sees that
# the rollback took the row away too).
BROKEN = "kapot"


class FakeKind(ContentKind):
    name = "proefkern"
    label = "Proefteksten"
    label_one = "Proeftekst"
    title_field = "name"
    fields = (
        Field("name", "Naam", "line", localized=True, required=True),
        Field("summary", "Samenvatting", "markdown", localized=True, required=True),
        Field("body", "Uitleg", "text", localized=True),
        Field("tags", "Zoekwoorden", "lines", localized=True),
        Field("form_slug", "Formulier", "choice", choices=lambda: [*FORMS.items(), (BROKEN, "X")]),
        Field("link", "Meer informatie", "url"),
        Field("starts_at", "Begint op", "datetime"),
        Field("audiences", "Voor wie", "multichoice", choices=lambda: [("a", "A"), ("b", "B")]),
        Field("cost", "Kosten in centen", "number"),
        Field("online", "Online te regelen", "flag"),
    )

    def __init__(self) -> None:
        self.live: dict[str, dict] = {}
        self.published: dict[str, bool] = {}

    def list_live(self):
        return [
            LiveEntry(key, data["texts"]["nl"]["name"], self.published[key], None)
            for key, data in self.live.items()
        ]

    def load_live(self, key):
        return self.live.get(key)

    def validate(self, key, data):
        slug = data["facts"].get("form_slug")
        if slug and slug != BROKEN and slug not in FORMS:
            return {"fact-form_slug": "Dit formulier bestaat niet meer. Kies een ander formulier."}
        return {}

    def apply(self, key, data):
        if data["facts"].get("form_slug") == BROKEN:
            now = datetime.now(UTC).replace(tzinfo=None)
            db.session.add(JargonWord(locale="nl", word="halfweg", plain="x", updated_at=now))
            db.session.flush()
            raise ValueError("Het formulier kapot bestaat niet.")
        self.live[key] = data
        self.published[key] = True

    def withdraw(self, key):
        self.published[key] = False

    def preview(self, key, data, locale):
        texts = data["texts"][locale]
        return (
            f'<!doctype html><html lang="{locale}"><head><title>{escape(texts["name"])}'
            f"</title></head><body><main><h1>{escape(texts['name'])}</h1>"
            f"{render(texts['summary'])}</main></body></html>"
        )

    def resident_url(self, key):
        return f"/proef/{key}"


def sample(name="Paspoort aanvragen", summary="U vraagt een paspoort aan.", **facts) -> dict:
    data = FakeKind().empty()
    data["texts"]["nl"].update(name=name, summary=summary)
    data["facts"].update(facts)
    return data


TOM = staff("Tom Peters", "webteam")
ANOUK = staff("Anouk Smits", "informatievoorziening")


@pytest.fixture
def fake_kind(app):
    kind = FakeKind()
    kinds.register(kind)
    yield kind
    kinds.KINDS.pop(kind.name, None)
    release_versions()


def release_versions() -> None:
    """Items point at versions and versions at items; the tables can only be emptied
    (tests/support/database.py) once the items let go of their versions."""
    db.session.rollback()
    db.session.execute(update(Item).values(live_version_id=None, publish_version_id=None))
    db.session.commit()
