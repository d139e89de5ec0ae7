"""The sign-in page where a person picks a test persona, and how it refuses bad requests."""

import pytest

from portal.testprovider.personas import personas_for
from tests.support.client import page_problems
from tests.testprovider.conftest import REALM_IDS, RP_URL, callback_params


def house_problems(html: str) -> list[str]:
    # The provider keeps no session, so its form has no CSRF token: a forged sign-in fails
    # anyway at the portal's `state` check.
    return [problem for problem in page_problems(html) if "CSRF" not in problem]


def test_every_page_passes_the_house_html_checks(rp):
    pages = [rp.start(realm).response.text for realm in REALM_IDS]
    pages.append(rp.submit(rp.start("digid"), None).text)
    pages.append(rp.start("digid", nonce=None).response.text)
    pages.append(rp.http.get(f"{rp.provider.issuer('digid')}/end_session", timeout=5).text)

    assert [house_problems(html) for html in pages] == [[]] * len(pages)


@pytest.mark.parametrize("realm", REALM_IDS)
def test_page_lists_only_the_personas_of_its_realm(rp, realm):
    login = rp.start(realm)

    radios = login.page.select("input[type=radio][name=persoon]")

    assert [r["value"] for r in radios] == [p.id for p in personas_for(realm)]


def test_each_persona_has_a_label_and_a_description(rp):
    page = rp.start("digid").page

    for who in personas_for("digid"):
        radio = page.find("input", id=f"persoon-{who.id}")
        assert page.find("label", attrs={"for": radio["id"]}).get_text(strip=True) == who.label
        description = page.find(id=radio["aria-describedby"])
        assert description.get_text(strip=True) == who.description


def test_page_is_dutch_and_says_it_is_a_test_environment(rp):
    page = rp.start("digid").page

    assert page.html["lang"] == "nl"
    assert page.title.get_text() == "Testomgeving DigiD – kies een testpersoon"
    assert page.find("h1") is not None
    assert page.find("main") is not None
    assert "Dit is een testomgeving. Er zijn geen echte gegevens." in " ".join(
        page.get_text().split()
    )


def test_form_has_a_legend_and_two_buttons(rp):
    page = rp.start("eherkenning").page

    form = page.find("form", method="post")
    assert form.find("legend").get_text(strip=True) == "Kies een testpersoon"
    buttons = {b.get_text(strip=True): b["value"] for b in form.find_all("button")}
    assert buttons == {"Inloggen": "inloggen", "Annuleren": "annuleren"}


def test_page_has_no_inline_script_or_style_and_nothing_external(rp):
    login = rp.start("medewerkers")
    page = login.page

    assert page.find("script") is None
    assert page.find("style") is None
    assert page.find(attrs={"style": True}) is None
    assert all(link["href"].startswith("/") for link in page.find_all("link"))
    csp = login.response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert f"form-action 'self' {RP_URL}" in csp


def test_stylesheet_is_served(rp, provider):
    href = rp.start("digid").page.find("link", rel="stylesheet")["href"]

    response = rp.http.get(f"{provider.url}{href}", timeout=5)

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/css")


def test_cancel_returns_access_denied_with_state(rp):
    login = rp.start("digid")

    response = rp.submit(login, None, action="annuleren")

    assert response.status_code == 302
    params = callback_params(response)
    assert params["error"] == "access_denied"
    assert params["state"] == login.params["state"]


def test_sign_in_without_a_choice_shows_an_error(rp):
    login = rp.start("digid")

    response = rp.submit(login, None)

    assert response.status_code == 400
    assert "Location" not in response.headers
    login.response = response
    assert login.page.title.get_text().startswith("Fout: ")
    assert "Er is een probleem" in login.page.get_text()


def test_persona_of_another_realm_cannot_be_chosen(rp):
    login = rp.start("digid")

    response = rp.submit(login, "beheerder")

    assert response.status_code == 400


def test_prompt_login_shows_the_page(rp):
    assert rp.start("digid", prompt="login").response.status_code == 200


def test_prompt_none_returns_login_required(rp):
    login = rp.start("digid", prompt="none")

    assert login.response.status_code == 302
    assert callback_params(login.response)["error"] == "login_required"


def test_acr_values_are_accepted(rp):
    login = rp.start("eherkenning", acr_values="urn:etoegang:core:assurance-class:loa3")

    assert login.response.status_code == 200


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"client_id": "onbekend"}, "invalid_client"),
        ({"redirect_uri": f"{RP_URL}/digid/callback/extra"}, "invalid_request"),
        ({"redirect_uri": None}, "invalid_request"),
        ({"code_challenge": None, "code_challenge_method": None}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge_method": None}, "invalid_request"),
        ({"nonce": None}, "invalid_request"),
        ({"scope": "profile"}, "invalid_scope"),
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"client_id": "rp-eherkenning"}, "invalid_client"),
    ],
    ids=[
        "unknown-client",
        "redirect-uri-mismatch",
        "no-redirect-uri",
        "no-pkce",
        "plain-pkce",
        "no-pkce-method",
        "no-nonce",
        "no-openid-scope",
        "implicit-flow",
        "client-of-another-realm",
    ],
)
def test_bad_request_gets_an_error_page_not_a_redirect(rp, overrides, error):
    login = rp.start("digid", **overrides)

    assert login.response.status_code == 400
    assert "Location" not in login.response.headers
    assert login.page.title.get_text().startswith("Fout: ")
    assert login.page.find("code").get_text() == error


def test_nonce_cannot_be_used_twice(rp):
    login, _ = rp.sign_in("digid", "inwoner")

    again = rp.start("digid", nonce=login.params["nonce"])

    assert again.response.status_code == 400


def test_unknown_realm_is_not_found(rp, provider):
    response = rp.http.get(f"{provider.url}/onbekend/authorize", timeout=5)

    assert response.status_code == 404
