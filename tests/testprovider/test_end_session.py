"""RP-initiated logout: back to the client only to a registered URI."""

from tests.testprovider.conftest import RP_URL, callback_params


def end_session(rp, realm: str, **params):
    return rp.http.get(
        f"{rp.provider.issuer(realm)}/end_session", params=params, allow_redirects=False, timeout=5
    )


def test_redirects_to_registered_uri_with_state(rp):
    _, tokens = rp.tokens_for("digid", "inwoner")

    response = end_session(
        rp,
        "digid",
        id_token_hint=tokens["id_token"],
        post_logout_redirect_uri=f"{RP_URL}/uitgelogd",
        state="abc123",
    )

    assert response.status_code == 302
    assert response.headers["Location"] == f"{RP_URL}/uitgelogd?state=abc123"


def test_client_id_with_registered_uri_also_redirects(rp):
    response = end_session(
        rp,
        "medewerkers",
        client_id="rp-medewerkers",
        post_logout_redirect_uri=f"{RP_URL}/uitgelogd",
    )

    assert response.status_code == 302
    assert callback_params(response) == {}


def test_unregistered_uri_shows_the_logged_out_page(rp):
    _, tokens = rp.tokens_for("digid", "inwoner")

    response = end_session(
        rp,
        "digid",
        id_token_hint=tokens["id_token"],
        post_logout_redirect_uri="https://elders.example/weg",
        state="abc123",
    )

    assert response.status_code == 200
    assert "U bent uitgelogd" in response.text


def test_without_parameters_shows_the_logged_out_page(rp):
    response = end_session(rp, "eherkenning")

    assert response.status_code == 200
    assert "U bent uitgelogd" in response.text


def test_id_token_of_another_realm_does_not_redirect(rp):
    _, tokens = rp.tokens_for("eherkenning", "ondernemer")

    response = end_session(
        rp,
        "digid",
        id_token_hint=tokens["id_token"],
        post_logout_redirect_uri=f"{RP_URL}/uitgelogd",
    )

    assert response.status_code == 200
    assert "U bent uitgelogd" in response.text


def test_logout_revokes_the_access_token(rp):
    _, tokens = rp.tokens_for("digid", "inwoner")

    end_session(rp, "digid", id_token_hint=tokens["id_token"])

    assert rp.userinfo("digid", tokens["access_token"]).status_code == 401
