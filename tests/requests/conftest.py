"""Fixtures for the requests area: demo registers and catalogue, signed-in clients, and a
walker that fills in a form the way a person does (GET the step, POST it, follow)."""

import io
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from portal.catalog import demo as catalog_demo
from portal.components import clock
from portal.registries import demo as registries_demo

FATIMA, SANNE, HENK = "999990007", "999990068", "999990111"
UNREACHABLE = "http://127.0.0.1:9"


@pytest.fixture
def demo(app):
    registries_demo.load()
    catalog_demo.load()
    from portal.extensions import db

    db.session.commit()
    return app


@pytest.fixture
def signed_in(sign_in, demo):
    """`sign_in` (tests/conftest.py) with the demo registers and catalogue loaded."""
    return sign_in


@pytest.fixture
def registers_down(app):
    """The registers answer nothing: the http adapters point at a closed port."""
    app.config.update(
        REGISTRY_BACKEND="http",
        REGISTRY_TIMEOUT_SECONDS=0.3,
        BRP_API_URL=UNREACHABLE,
        KVK_API_URL=UNREACHABLE,
        BAG_API_URL=UNREACHABLE,
    )
    return app


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(response) -> str:
    return " ".join(soup(response).stripped_strings)


def date_parts(name: str, day: date) -> dict:
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


def next_week() -> date:
    return clock.today() + timedelta(days=7)


class Walker:
    """Goes through a form like a person: each POST is sent from the page it is on."""

    def __init__(self, client) -> None:
        self.client = client
        self.location = None

    def begin(self, slug: str):
        response = self.client.get(f"/aanvragen/{slug}/beginnen")
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self.location = response.location
        return response

    def page(self):
        return self.client.get(self.location)

    def post(self, data: dict, files: dict | None = None):
        """POST the current page's form; follow a redirect to the next page."""
        payload = {**data, **(files or {})}
        response = self.client.post_form(self.location, payload)
        if response.status_code in (302, 303):
            self.location = response.location
        return response

    @property
    def step_name(self) -> str:
        return self.location.rstrip("/").rsplit("/", 1)[-1].split("?")[0]


@pytest.fixture
def walker(client):
    return Walker(client)


def png_bytes(size=(40, 30), exif_make: str | None = None, fmt: str = "PNG") -> bytes:
    """A small real image; with `exif_make`, camera metadata that must be stripped."""
    image = Image.new("RGB", size, (200, 120, 40))
    out = io.BytesIO()
    options = {}
    if exif_make:
        exif = Image.Exif()
        exif[0x010F] = exif_make  # Make
        exif[0x0132] = "2025:05:01 10:00:00"  # DateTime
        options["exif"] = exif.tobytes()
    image.save(out, format=fmt, **options)
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def upload(data: bytes, name: str):
    return (io.BytesIO(data), name)
