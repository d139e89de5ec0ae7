"""The processing log in plain words, as the resident reads it."""

import threading
from datetime import UTC, datetime, timedelta

from portal.extensions import db
from portal.registries import processing_log, purposes
from portal.registries.models import ProcessingLogEntry
from portal.registries.services import lookup_person
from tests.support.principals import representative, resident, staff

FATIMA, HENK, SANNE = "999990007", "999990111", "999990068"


def _entry(age: timedelta) -> None:
    """A lookup of Fatima's data that happened `age` ago."""
    entry = processing_log.record(
        subject=FATIMA,
        purpose=purposes.MIJN_GEGEVENS,
        register="brp",
        outcome=processing_log.FOUND,
        principal=None,
    )
    entry.occurred_at = datetime.now(UTC) - age


def test_the_resident_sees_who_looked_and_why(demo_data):
    lookup_person(HENK, purpose=purposes.MIJN_GEGEVENS, principal=resident(HENK))
    lookup_person(
        HENK, purpose=purposes.MIJN_GEGEVENS, principal=representative(SANNE, "Sanne Bakker", HENK)
    )
    lookup_person(HENK, purpose=purposes.HANDLE_CASE, principal=staff("Maria Visser"))
    with demo_data.test_request_context("/"):
        texts = [processing_log.describe(e, HENK) for e in processing_log.entries_about(HENK)]
    assert [t.who for t in texts] == [
        "Maria Visser, medewerker van de gemeente",
        "Sanne Bakker, namens u",
        "U zelf",
    ]
    assert texts[0].why == "Om een aanvraag of vraag te behandelen."
    assert texts[2].register == "Basisregistratie Personen (BRP)"


def test_a_representative_reads_the_names_instead_of_u(demo_data):
    lookup_person(HENK, purpose=purposes.MIJN_GEGEVENS, principal=resident(HENK))
    sanne = representative(SANNE, "Sanne Bakker", HENK, for_name="Henk Bakker")
    lookup_person(HENK, purpose=purposes.MIJN_GEGEVENS, principal=sanne)
    with demo_data.test_request_context("/"):
        texts = [
            processing_log.describe(e, HENK, "Henk Bakker")
            for e in processing_log.entries_about(HENK)
        ]
    assert [t.who for t in texts] == ["Sanne Bakker, namens Henk Bakker", "Henk Bakker zelf"]


def test_only_entries_about_this_person_where_data_was_seen(demo_data):
    lookup_person(FATIMA, purpose=purposes.MIJN_GEGEVENS, principal=resident(FATIMA))
    lookup_person(HENK, purpose=purposes.HANDLE_CASE, principal=staff())
    lookup_person("999990044", purpose=purposes.HANDLE_CASE, principal=staff())
    assert len(processing_log.entries_about(FATIMA)) == 1
    assert processing_log.entries_about("999990044") == []


def test_entries_past_the_retention_period_are_removed(demo_data):
    lookup_person(FATIMA, purpose=purposes.MIJN_GEGEVENS, principal=resident(FATIMA))
    _entry(age=processing_log.RETENTION + timedelta(days=1))
    db.session.flush()
    assert processing_log.remove_expired() == 1
    assert db.session.query(ProcessingLogEntry).count() == 1


def test_the_reader_recognises_their_own_lookups(demo_data):
    sanne = representative(SANNE, "", HENK, for_name="Henk Bakker")
    lookup_person(HENK, purpose=purposes.MIJN_GEGEVENS, principal=sanne)
    other = representative("999990019", "", HENK, for_name="Henk Bakker")
    lookup_person(HENK, purpose=purposes.MIJN_GEGEVENS, principal=other)
    reader = processing_log.actor_key(sanne)
    with demo_data.test_request_context("/"):
        texts = [
            processing_log.describe(e, HENK, "Henk Bakker", reader)
            for e in processing_log.entries_about(HENK)
        ]
    assert [t.who for t in texts] == [
        "Iemand met een machtiging, namens Henk Bakker",
        "U, namens Henk Bakker",
    ]


def test_the_cleanup_command_removes_what_is_past_retention(demo_data, runner):
    _entry(age=processing_log.RETENTION + timedelta(days=1))
    db.session.commit()
    result = runner.invoke(args=["processing-log-cleanup"])
    assert "processing log entries removed: 1" in result.output
    assert db.session.query(ProcessingLogEntry).count() == 0


def test_make_run_starts_the_daily_cleanup(demo_data):
    from portal.devtools.services import BACKGROUND_JOBS
    from portal.registries.jobs import start_daily_cleanup

    assert "portal.registries.jobs:start_daily_cleanup" in BACKGROUND_JOBS
    _entry(age=processing_log.RETENTION + timedelta(days=1))
    _entry(age=processing_log.RETENTION - timedelta(days=1))
    db.session.commit()
    stop = threading.Event()
    thread = start_daily_cleanup(demo_data, interval_seconds=3600, stop=stop)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    db.session.expire_all()
    assert db.session.query(ProcessingLogEntry).count() == 1
