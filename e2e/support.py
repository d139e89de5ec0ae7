"""Browser-test helpers: sign in the way a person does, through the local OIDC provider."""

import contextlib
import re

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from e2e.axe import check_page
from portal.testprovider import persona as find_persona

_BUTTON = {"digid": "Inloggen met DigiD", "eherkenning": "Inloggen met eHerkenning"}


def choose_persona(page: Page, persona_id: str, *, cancel: bool = False) -> None:
    """On the provider's page: pick the persona and sign in (or cancel)."""
    expect(page.locator("h1")).to_be_visible()
    check_page(page)
    if cancel:
        page.get_by_role("button", name="Annuleren").click()
        return
    page.locator(f"#persoon-{persona_id}").check()
    page.get_by_role("button", name="Inloggen", exact=True).click()


def sign_in(page: Page, base_url: str, persona_id: str, next_path: str | None = None) -> None:
    """Sign in as the persona, starting from the portal's sign-in page (or the staff one).
    Leaves the browser on the page after sign-in, which the caller checks."""
    realm = find_persona(persona_id).realm
    if realm == "medewerkers":
        url = f"{base_url}/medewerkers/inloggen"
        page.goto(url if not next_path else f"{url}?next={next_path}")
        check_page(page)
        page.get_by_role("link", name="Inloggen met uw werkaccount").click()
    else:
        url = f"{base_url}/inloggen"
        page.goto(url if not next_path else f"{url}?next={next_path}")
        check_page(page)
        page.get_by_role("link", name=_BUTTON[realm]).click()
    choose_persona(page, persona_id)
    page.wait_for_load_state()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").first.click()
    heading = page.locator("h1")
    expect(heading).to_have_text(re.compile(r"^U (bent|wordt) uitgelogd"))
    # Without JavaScript the sign-out form to the provider waits for its button; with it, the
    # page may already be gone.
    with contextlib.suppress(PlaywrightError):
        page.get_by_role("button", name="Verder met uitloggen").click(timeout=2000)
    expect(heading).to_have_text("U bent uitgelogd")
    check_page(page)


def tab_to(page: Page, target, limit: int = 120) -> None:
    """Press Tab until `target` (a locator) has focus; fails when the keyboard cannot reach it."""
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"could not reach {target} with the Tab key")


def press(page: Page, target, key: str = "Enter") -> None:
    """Reach `target` by keyboard only, then press `key` on it."""
    tab_to(page, target)
    page.keyboard.press(key)
