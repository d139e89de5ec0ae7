"""The editor core's rules: versions, conflicts, the lock, the second pair of eyes,
publishing now and at a set time, withdrawing, restoring, the diff and the form data."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import MultiDict

from portal.administration import settings
from portal.auth.models import AuditEvent
from portal.catalog import cache
from portal.editor import locks, publishing, versions
from portal.editor import services as editor
from portal.editor.diff import diff
from portal.editor.forms import data_from_form
from portal.editor.models import JargonWord, Version
from portal.extensions import db
from tests.editor import core_support
from tests.editor.core_support import ANOUK, BROKEN, FORMS, TOM, sample

fake_kind = core_support.fake_kind

KEY = "paspoort"


@pytest.fixture(autouse=True)
def _request(app):
    """Messages are translated for the request's language, as in the views."""
    with app.test_request_context():
        yield


@pytest.fixture
def live_item(fake_kind):
    """Content that is on the site before the editor opens it: version 1, published."""
    fake_kind.live[KEY] = sample()
    fake_kind.published[KEY] = True
    item = editor.open_item(fake_kind, KEY)
    db.session.commit()
    return item


def _versions(item) -> int:
    return db.session.scalar(select(func.count()).where(Version.item_id == item.id))


def _audit(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_live_content_becomes_published_version_one(live_item, fake_kind):
    assert [(v.number, v.state) for v in live_item.versions] == [(1, "published")]
    assert live_item.live_state == "live"
    assert live_item.live_version_id == live_item.versions[0].id
    assert live_item.title == "Paspoort aanvragen"


def test_unknown_content_is_not_made_unless_asked(fake_kind):
    assert editor.open_item(fake_kind, "bestaat-niet") is None
    made = editor.open_item(fake_kind, "nieuw-ding", create=True)
    assert made.versions == [] and made.live_state == "never"


def test_saving_makes_a_new_draft_and_audits_it(live_item):
    data = sample(summary="U vraagt een paspoort aan bij de balie.")
    version = versions.save_draft(live_item, data, 1, TOM)
    db.session.commit()
    assert (version.number, version.state, version.author_name) == (2, "draft", "Tom Peters")
    [event] = _audit("editor.save")
    assert (event.target, event.detail, event.actor) == (
        "proefkern:paspoort",
        "versie 2",
        "staff:tom-peters",
    )


def test_a_second_save_from_an_old_version_is_a_conflict(live_item):
    versions.save_draft(live_item, sample(summary="Versie van Tom."), 1, TOM)
    db.session.commit()
    with pytest.raises(editor.Conflict) as conflict:
        versions.save_draft(live_item, sample(summary="Versie van Anouk."), 1, ANOUK)
    assert conflict.value.author_name == "Tom Peters"
    assert conflict.value.number == 2
    assert _versions(live_item) == 2


def test_the_lock_warns_others_and_runs_out(live_item):
    now = editor.utcnow()
    assert locks.take_lock(live_item, TOM, now)
    holder = locks.lock_holder(live_item, ANOUK, now + timedelta(minutes=5))
    assert (holder.name, holder.since) == ("Tom Peters", now)
    assert locks.lock_holder(live_item, TOM, now) is None
    assert not locks.take_lock(live_item, ANOUK, now + timedelta(minutes=5))
    later = now + timedelta(minutes=locks.LOCK_MINUTES + 1)
    assert locks.lock_holder(live_item, ANOUK, later) is None
    assert locks.take_lock(live_item, ANOUK, later)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "<script>alert(1)</script>"}, "nl-name"),
        ({"summary": "Kijk [hier](javascript:alert(1))"}, "nl-summary"),
        ({"summary": "Zie [de regels](http://voorbeeld.nl)"}, "nl-summary"),
        ({"name": ""}, "nl-name"),
        ({"body": "a" * 5001}, "nl-body"),
    ],
)
def test_unsafe_or_missing_text_is_refused(live_item, change, field):
    data = sample()
    data["texts"]["nl"].update(change)
    with pytest.raises(versions.Invalid) as invalid:
        versions.save_draft(live_item, data, 1, TOM)
    assert field in invalid.value.errors
    assert _versions(live_item) == 1


@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({"link": "http://voorbeeld.nl"}, "fact-link"),
        ({"link": "https://intranet.local/regels"}, "fact-link"),
        ({"starts_at": "32-13-2026 08:00"}, "fact-starts_at"),
        ({"form_slug": "onbekend"}, "fact-form_slug"),
    ],
)
def test_facts_are_checked(live_item, facts, field):
    with pytest.raises(versions.Invalid) as invalid:
        versions.save_draft(live_item, sample(**facts), 1, TOM)
    assert list(invalid.value.errors) == [field]


def test_english_is_not_needed_to_save(live_item):
    data = sample(summary="Alleen in het Nederlands.")
    data["texts"]["en"]["name"] = ""
    assert versions.save_draft(live_item, data, 1, TOM).number == 2


def test_saving_what_is_there_makes_no_new_version(live_item):
    assert versions.save_draft(live_item, sample(), 1, TOM).number == 1
    assert _versions(live_item) == 1


def test_publishing_now_applies_drops_the_cache_and_supersedes(live_item, fake_kind):
    data = sample(summary="Nieuwe samenvatting.")
    version = versions.save_draft(live_item, data, 1, TOM)
    db.session.commit()
    before = cache.generation()
    publishing.publish(live_item, version, "Samenvatting korter", TOM)
    db.session.commit()
    assert cache.generation() == before + 1
    assert fake_kind.live[KEY]["texts"]["nl"]["summary"] == "Nieuwe samenvatting."
    assert [(v.number, v.state) for v in live_item.versions] == [
        (1, "superseded"),
        (2, "published"),
    ]
    assert live_item.live_version_id == version.id
    [event] = _audit("editor.publish")
    assert event.detail == "versie 2: Samenvatting korter"


def test_publishing_needs_a_change_note(live_item):
    version = versions.save_draft(live_item, sample(summary="Anders."), 1, TOM)
    with pytest.raises(editor.EditorError) as error:
        publishing.publish(live_item, version, "   ", TOM)
    assert error.value.field == "change_note"


def test_a_failing_apply_leaves_nothing_half_published(live_item, fake_kind):
    version = versions.save_draft(live_item, sample(form_slug=BROKEN), 1, TOM)
    db.session.commit()
    before = cache.generation()
    with pytest.raises(editor.EditorError, match="kapot bestaat niet"):
        publishing.publish(live_item, version, "Ander formulier", TOM)
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(JargonWord)) == 0
    assert cache.generation() == before
    assert [(v.number, v.state) for v in live_item.versions] == [(1, "published"), (2, "draft")]
    assert live_item.live_version_id == live_item.versions[0].id
    assert fake_kind.live[KEY]["facts"]["form_slug"] == ""


def test_a_time_in_the_past_is_refused(live_item, fake_kind):
    version = versions.save_draft(live_item, sample(summary="Later."), 1, TOM)
    with pytest.raises(editor.EditorError) as error:
        publishing.publish(
            live_item, version, "Later", TOM, at=editor.utcnow() - timedelta(minutes=1)
        )
    assert error.value.field == "publish_at"
    assert live_item.publish_at is None
    assert fake_kind.live[KEY]["texts"]["nl"]["summary"] == "U vraagt een paspoort aan."


def test_the_worker_publishes_at_the_set_time(live_item, fake_kind):
    version = versions.save_draft(live_item, sample(summary="Vanaf januari."), 1, TOM)
    at = editor.utcnow() + timedelta(hours=1)
    publishing.publish(live_item, version, "Nieuwe tarieven", TOM, at=at)
    db.session.commit()
    assert (live_item.publish_at, live_item.publish_version_id) == (at, version.id)

    assert publishing.publish_due(at - timedelta(minutes=1)) == 0
    assert fake_kind.live[KEY]["texts"]["nl"]["summary"] == "U vraagt een paspoort aan."

    assert publishing.publish_due(at + timedelta(minutes=1)) == 1
    assert fake_kind.live[KEY]["texts"]["nl"]["summary"] == "Vanaf januari."
    db.session.expire_all()
    assert version.state == "published" and version.published_by_name == "de planner"
    assert live_item.publish_at is None
    [event] = _audit("editor.publish")
    assert event.detail.startswith("de planner: versie 2")


def test_the_worker_withdraws_at_the_set_time(live_item, fake_kind):
    at = editor.utcnow() + timedelta(days=1)
    publishing.withdraw(live_item, TOM, at=at)
    db.session.commit()
    assert publishing.publish_due(at - timedelta(seconds=1)) == 0
    assert fake_kind.published[KEY] is True
    assert publishing.publish_due(at) == 1
    db.session.expire_all()
    assert fake_kind.published[KEY] is False
    assert live_item.live_state == "withdrawn" and live_item.withdraw_at is None


def test_withdraw_times_must_be_in_the_future_and_after_publishing(live_item):
    version = versions.save_draft(live_item, sample(summary="Kerst."), 1, TOM)
    now = editor.utcnow()
    with pytest.raises(editor.EditorError) as past:
        publishing.withdraw(live_item, TOM, at=now - timedelta(hours=1))
    assert past.value.field == "withdraw_at"
    with pytest.raises(editor.EditorError) as before:
        publishing.publish(
            live_item,
            version,
            "Kerst",
            TOM,
            at=now + timedelta(days=2),
            withdraw_at=now + timedelta(days=1),
        )
    assert before.value.field == "withdraw_at"
    assert live_item.publish_at is None and live_item.withdraw_at is None


def test_unpublishing_takes_it_off_now(live_item, fake_kind):
    publishing.withdraw(live_item, TOM)
    assert fake_kind.published[KEY] is False
    assert live_item.live_state == "withdrawn"
    assert editor.live_version(live_item) is None


def test_review_needs_another_editor(live_item, fake_kind):
    settings.put("editor_review_required", True, "test")
    version = versions.save_draft(live_item, sample(summary="Met toestemming."), 1, TOM)
    with pytest.raises(editor.EditorError):
        publishing.publish(live_item, version, "Eerder", TOM)
    publishing.submit(live_item, version, "Korter", TOM)
    assert version.state == "submitted"
    with pytest.raises(editor.EditorError, match="eigen wijziging"):
        publishing.approve(live_item, version, TOM)
    publishing.approve(live_item, version, ANOUK)
    assert (version.state, version.reviewer_name) == ("approved", "Anouk Smits")
    publishing.publish(live_item, version, "Korter", TOM)
    assert fake_kind.live[KEY]["texts"]["nl"]["summary"] == "Met toestemming."


def test_asking_for_changes_needs_a_note(live_item):
    settings.put("editor_review_required", True, "test")
    version = versions.save_draft(live_item, sample(summary="Te lang."), 1, TOM)
    publishing.submit(live_item, version, "Langer", TOM)
    with pytest.raises(editor.EditorError) as error:
        publishing.ask_changes(live_item, version, "", ANOUK)
    assert error.value.field == "review_note"
    publishing.ask_changes(live_item, version, "Maak de zinnen korter.", ANOUK)
    assert (version.state, version.review_note) == ("changes_asked", "Maak de zinnen korter.")


def test_restore_makes_a_new_draft(live_item):
    versions.save_draft(live_item, sample(summary="Fout."), 1, TOM)
    restored = versions.restore(live_item, 1, ANOUK)
    assert (restored.number, restored.state, restored.restored_from) == (3, "draft", 1)
    assert restored.data["texts"]["nl"]["summary"] == "U vraagt een paspoort aan."


def test_restore_of_a_version_whose_form_is_gone_is_refused(live_item, monkeypatch):
    versions.save_draft(live_item, sample(form_slug="bezwaar"), 1, TOM)
    versions.save_draft(live_item, sample(form_slug="aanvraag"), 2, TOM)
    db.session.commit()
    monkeypatch.delitem(FORMS, "bezwaar")
    with pytest.raises(versions.Invalid) as invalid:
        versions.restore(live_item, 2, TOM)
    message = str(invalid.value)
    assert message.startswith("Versie 2 kan niet terug.")
    assert "‘Formulier’" in message and "bestaat niet" in message
    assert _versions(live_item) == 3


def test_the_diff_marks_words(fake_kind):
    old = sample(summary="U vraagt een paspoort aan.")
    new = sample(summary="U vraagt een identiteitskaart aan.", cost=7500)
    rows = diff(old, new, fake_kind)
    assert [row.label for row in rows] == ["Samenvatting (Nederlands)", "Kosten in centen"]
    assert rows[0].parts == (
        ("equal", "U vraagt een "),
        ("delete", "paspoort"),
        ("insert", "identiteitskaart"),
        ("equal", " aan."),
    )
    assert rows[1].parts == (("insert", "7500"),)


def test_form_data_is_read_per_field_kind(fake_kind):
    posted = MultiDict(
        [
            ("nl-name", " Paspoort\x00 "),
            ("nl-summary", "Regel een\r\nRegel twee"),
            ("nl-tags", "reizen\n\n  id-kaart \n"),
            ("fact-starts_at", "24-12-2026 08:00"),
            ("fact-audiences", "a"),
            ("fact-audiences", "b"),
            ("fact-cost", "7500"),
            ("fact-online", "y"),
        ]
    )
    data = data_from_form(fake_kind, posted)
    assert data["texts"]["nl"]["name"] == "Paspoort"
    assert data["texts"]["nl"]["summary"] == "Regel een\nRegel twee"
    assert data["texts"]["nl"]["tags"] == ["reizen", "id-kaart"]
    assert data["texts"]["en"]["tags"] == []
    assert data["facts"] == {
        "form_slug": "",
        "link": "",
        "starts_at": "2026-12-24T08:00",
        "audiences": ["a", "b"],
        "cost": 7500,
        "online": True,
    }


def test_the_cli_command_runs_a_round(live_item, fake_kind, runner):
    version = versions.save_draft(live_item, sample(summary="Via de planner."), 1, TOM)
    publishing.publish(live_item, version, "Gepland", TOM, at=editor.utcnow() + timedelta(hours=1))
    db.session.commit()
    result = runner.invoke(args=["editor-publish-due"])
    assert result.exit_code == 0 and "0 items" in result.output
