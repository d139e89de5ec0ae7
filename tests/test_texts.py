"""Every visible text goes through Babel, and the English catalogue is complete."""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from portal.config import ROOT

TEMPLATE_DIRS = [ROOT / "templates", *sorted((ROOT / "portal").glob("*/templates"))]
JINJA_BLOCK = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)
TEXT_ATTRIBUTES = {"alt", "title", "placeholder", "aria-label", "aria-description", "content"}
# Text that is not language: punctuation, numbers, symbols.
NOT_LANGUAGE = re.compile(r"^[\W\d_]*$")


class _LiteralText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value and not NOT_LANGUAGE.match(value.strip()):
                if tag == "meta" and name == "content":
                    continue
                self.found.append(f'{name}="{value.strip()}"')

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        text = data.strip()
        if text and not self._skip and not NOT_LANGUAGE.match(text):
            self.found.append(text)


def literal_texts(template_source: str) -> list[str]:
    # Replace Jinja with a neutral marker so text around it still parses as HTML.
    parser = _LiteralText()
    parser.feed(JINJA_BLOCK.sub("\x00", template_source).replace("\x00", " "))
    return parser.found


def html_templates() -> list[Path]:
    files = []
    for folder in TEMPLATE_DIRS:
        files += [p for p in folder.rglob("*.html") if "testprovider" not in p.parts]
    return sorted(files)


def test_the_literal_text_finder_finds_untranslated_text():
    assert literal_texts("<p>Hallo</p>") == ["Hallo"]
    assert literal_texts('<img alt="Logo">') == ['alt="Logo"']
    assert literal_texts("<p>{{ _('Hallo') }} – {{ name }}</p>") == []


@pytest.mark.parametrize("template", html_templates(), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_hold_no_untranslated_text(template):
    assert literal_texts(template.read_text(encoding="utf-8")) == []


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    pot = tmp_path_factory.mktemp("babel") / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-o",
            str(pot),
            str(ROOT),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        return read_po(handle)


def test_english_catalogue_has_every_text(extracted):
    with (ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        english = read_po(handle, locale="en")
    # A fuzzy header makes `pybabel compile` skip the whole catalogue.
    assert not english.fuzzy, "the English catalogue's header is marked fuzzy"
    missing = []
    for message in extracted:
        if not message.id:
            continue
        translated = english.get(message.id, context=message.context)
        strings = translated.string if translated else None
        values = strings if isinstance(strings, tuple) else (strings,)
        if translated is None or not all(values) or translated.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    assert missing == [], f"{len(missing)} texts lack an English translation: {missing[:20]}"
