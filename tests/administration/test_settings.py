"""Settings: every setting is on the page, a valid change is stored and audited with the old
and new value, a wrong value gets a B1 message and stores nothing, and the clean-up jobs use
the retention periods set here (with defaults equal to the periods the code had before)."""

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from portal.administration import settings
from portal.administration.models import Setting
from portal.extensions import db
from portal.registries import processing_log, purposes
from portal.registries.models import ProcessingLogEntry
from portal.reports import drafts as report_drafts
from portal.reports.models import ReportDraft
from portal.requests import services as request_services
from portal.requests.models import Draft
from tests.administration.conftest import BASE, audit_rows

PAGE = f"{BASE}/instellingen"
CURRENT = {
    "editor_review_required": "",
    "target_mark": "7",
    "target_first_contact": "80",
    "target_within_norm": "90",
    "target_callback_days": "2",
    "retention_request_drafts_days": "30",
    "retention_report_drafts_days": "1",
    "retention_processing_log_days": "730",
    "retention_closed_cases_years": "7",
}


def _form(**changes) -> dict:
    form = {**CURRENT, **changes}
    return {key: value for key, value in form.items() if value != ""}


def test_defaults_equal_what_the_code_did_before(app):
    assert settings.get("retention_request_drafts_days") == request_services.DEFAULT_DRAFT_DAYS
    assert settings.get("retention_report_drafts_days") == report_drafts.LIFETIME.days
    assert settings.get("retention_processing_log_days") == processing_log.RETENTION.days
    assert settings.get("editor_review_required") is False


def test_every_setting_is_on_the_page(admin):
    page = admin.get(PAGE).get_data(as_text=True)
    for spec in settings.SPECS:
        assert f'id="{spec.key}"' in page
    assert 'value="730"' in page


def test_a_change_is_stored_and_audited_with_old_and_new(admin):
    response = admin.post_form(
        PAGE,
        _form(target_mark="7,5", retention_request_drafts_days="14", editor_review_required="y"),
    )
    assert response.status_code == 302
    assert settings.get("target_mark") == 7.5
    assert settings.get("retention_request_drafts_days") == 14
    assert settings.get("editor_review_required") is True
    changes = {e.target: e.detail for e in audit_rows("admin.setting_changed")}
    assert changes == {
        "target_mark": "7.0→7.5",
        "retention_request_drafts_days": "30→14",
        "editor_review_required": "nee→ja",
    }
    assert 'value="7,5"' in admin.get(PAGE).get_data(as_text=True)


def test_saving_the_same_values_changes_nothing(admin):
    assert admin.post_form(PAGE, _form()).status_code == 302
    assert audit_rows("admin.setting_changed") == []
    assert db.session.scalar(select(func.count()).select_from(Setting)) == 0


@pytest.mark.parametrize(
    ("key", "typed", "message"),
    [
        ("target_mark", "11", "Kies een getal van 1 tot en met 10."),
        ("target_mark", "zeven", "Vul een getal in, zoals 7,5"),
        ("target_first_contact", "-5", "Kies een getal van 0 tot en met 100."),
        ("target_first_contact", "80.5", "Vul een heel getal in, zoals 80"),
        ("retention_processing_log_days", "10", "Kies een getal van 30 tot en met 7300."),
        ("retention_request_drafts_days", "", "Vul een getal in"),
        ("retention_report_drafts_days", "9" * 5000, "Vul een getal in"),
        ("target_callback_days", "2\x00", "Vul een getal in"),
    ],
)
def test_a_wrong_value_is_explained_and_nothing_is_stored(admin, key, typed, message):
    response = admin.post_form(PAGE, {**_form(retention_request_drafts_days="14"), key: typed})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "<title>Fout: " in page
    assert f'id="{key}-error"' in page and message in page
    assert f'href="#{key}"' in page  # the error summary links to the field
    # The other, valid change is not half-saved.
    assert settings.get("retention_request_drafts_days") == 30
    assert audit_rows("admin.setting_changed") == []


# --- The clean-up jobs read the retention periods ----------------------------------------


def _set(key: str, value: int) -> None:
    settings.put(key, value, "test")
    db.session.commit()


def _request_draft(changed_days_ago: int) -> Draft:
    changed = request_services.now() - timedelta(days=changed_days_ago)
    draft = Draft(
        token=uuid.uuid4().hex,
        product_slug="parkeervergunning-bewoners",
        form_version=1,
        party_kind="person",
        party_key="p",
        actor_key="a",
        answers={},
        submission_key=uuid.uuid4().hex,
        created_at=changed,
        updated_at=changed,
        # Far ahead: only the retention setting can remove it.
        expires_at=request_services.now() + timedelta(days=300),
    )
    db.session.add(draft)
    db.session.commit()
    return draft


def test_request_drafts_follow_the_retention_setting(app):
    from portal.requests.jobs import purge_once

    _request_draft(changed_days_ago=20)
    _request_draft(changed_days_ago=5)
    assert purge_once(app) == 0  # default 30 days
    _set("retention_request_drafts_days", 10)
    assert purge_once(app) == 1
    db.session.expire_all()
    (left,) = db.session.scalars(select(Draft)).all()
    assert left.updated_at > request_services.now() - timedelta(days=6)


def _report_draft(changed_days_ago: int) -> None:
    changed = report_drafts.now() - timedelta(days=changed_days_ago)
    db.session.add(
        ReportDraft(
            token=uuid.uuid4().hex,
            data={},
            started_at=changed,
            updated_at=changed,
            expires_at=report_drafts.now() + timedelta(days=300),
        )
    )
    db.session.commit()


def test_report_drafts_follow_the_retention_setting(app):
    from portal.reports.jobs import remove_expired_drafts

    _set("retention_report_drafts_days", 3)
    _report_draft(changed_days_ago=4)
    _report_draft(changed_days_ago=2)
    assert remove_expired_drafts() == 1
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(ReportDraft)) == 1


def _log_entry(age: timedelta) -> None:
    entry = processing_log.record(
        subject="999990007",
        purpose=purposes.MIJN_GEGEVENS,
        register="brp",
        outcome=processing_log.FOUND,
        principal=None,
    )
    entry.occurred_at = datetime.now(UTC) - age
    db.session.commit()


def test_the_processing_log_follows_the_retention_setting(app):
    from portal.registries.jobs import cleanup_once

    _log_entry(timedelta(days=100))
    _log_entry(timedelta(days=10))
    assert cleanup_once(app) == 0  # default two years
    _set("retention_processing_log_days", 60)
    assert cleanup_once(app) == 1
    assert db.session.scalar(select(func.count()).select_from(ProcessingLogEntry)) == 1
