"""Filling e-mail lines: a missing value leaves the line out; True only switches it on."""

from flask_babel import lazy_gettext as _l

from portal.notifications.texts import filled

NOTE_LINE = _l("Wij schreven er een bericht bij. U leest het met de knop hieronder.%(note)s")


def test_a_switch_shows_the_line_without_printing_anything(app):
    with app.test_request_context():
        assert filled(NOTE_LINE, {"note": True}) == (
            "Wij schreven er een bericht bij. U leest het met de knop hieronder."
        )
        assert filled(NOTE_LINE, {"note": False}) is None
        assert filled(NOTE_LINE, {}) is None
        assert filled(_l("Zaak %(number)s"), {"number": "Z-1"}) == "Zaak Z-1"
