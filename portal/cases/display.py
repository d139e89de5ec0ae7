"""Texts a case stored in Dutch, shown in the language of the page.

A case keeps its texts in Dutch, the source language (`services.stored_text`): the product's
name, the names the portal gives the receipt and decision letters, and who acted ("Sanne
Bakker namens Henk Bakker"). A page in English shows them in English: the product's name
from the catalogue (the stored one when the product is gone), a file name the portal made
with its label in the page's language (a name a person chose stays as it is), and "namens"
in its translation. Registered as template filters by `init_app`.
"""

from __future__ import annotations

import re

from flask import Flask
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from portal.cases.models import Case, Document
from portal.cases.texts import DOCUMENT_KINDS
from portal.catalog.services import get_product

ON_BEHALF = _l("%(name)s namens %(other)s")
# The names `services.actor_label` stores when the sign-in carried none.
FALLBACK_NAMES = (
    _l("Een gemachtigde"),
    _l("De inwoner"),
    _l("Het bedrijf"),
    _l("Een medewerker"),
    _l("Onbekend"),
)


def _dutch(text) -> str:
    with force_locale("nl"):
        return str(text)


def product_name(case: Case) -> str:
    """The case's product in the page's language."""
    product = get_product(case.product_slug)
    return product.name if product is not None else case.product_name


def document_name(document: Document) -> str:
    """A document's file name in the page's language, when the portal named it
    ("Ontvangstbevestiging Z-2026-000001.pdf" → "Confirmation of receipt ...")."""
    label = DOCUMENT_KINDS.get(document.kind)
    if label is None:
        return document.name
    dutch = _dutch(label) + " "
    if not document.name.startswith(dutch):
        return document.name
    return f"{label} {document.name[len(dutch) :]}"


def _on_behalf_pattern() -> re.Pattern:
    dutch = _dutch(ON_BEHALF) % {"name": "\0name\0", "other": "\0other\0"}
    pattern = re.escape(dutch).replace("\0name\0", "(?P<name>.+?)")
    return re.compile("^" + pattern.replace("\0other\0", "(?P<other>.+)") + "$")


def actor_label(label: str) -> str:
    """Who acted, as stored ("... namens ...", "Een gemachtigde"), in the page's language."""
    if not label:
        return label
    found = _on_behalf_pattern().match(label)
    if found:
        name, other = actor_label(found["name"]), found["other"]
        return str(_l("%(name)s namens %(other)s", name=name, other=other))
    for fallback in FALLBACK_NAMES:
        if label == _dutch(fallback):
            return str(fallback)
    return label


def init_app(app: Flask) -> None:
    app.add_template_filter(product_name, "case_product_name")
    app.add_template_filter(document_name, "document_name")
    app.add_template_filter(actor_label, "actor_label")
