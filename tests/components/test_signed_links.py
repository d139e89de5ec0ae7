"""Links that work without signing in: unguessable, bound to one purpose, kept out of logs."""

import logging

from portal.components import signed_links


def test_a_token_opens_only_its_own_key_and_purpose(app):
    token = signed_links.token_for("report-follow", "abc-123_x")
    assert signed_links.key_from("report-follow", token) == "abc-123_x"
    assert signed_links.key_from("appointment-manage", token) is None
    altered = token[:-1] + ("0" if token[-1] != "0" else "1")
    assert signed_links.key_from("report-follow", altered) is None
    for odd in (None, "", "-", "x" * 500, token + "/", 42, "abc-" + "g" * 32):
        assert signed_links.key_from("report-follow", odd) is None


def test_the_link_is_absolute_on_the_public_address(app):
    app.config["PUBLIC_URL"] = "https://mijn.voorbeeld.nl/"
    link = signed_links.link_for("/melding/volgen/", "report-follow", "k1")
    assert link.startswith("https://mijn.voorbeeld.nl/melding/volgen/k1-")


def test_tokens_are_masked_in_the_request_log(app, caplog):
    signed_links.hide_in_logs(app, "/afspraak/beheren/")
    token = signed_links.token_for("appointment-manage", "secret-key")
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logging.getLogger("werkzeug").info('"GET %s HTTP/1.1" 200 -', f"/afspraak/beheren/{token}")
    assert token not in caplog.text
    assert "/afspraak/beheren/…" in caplog.text
