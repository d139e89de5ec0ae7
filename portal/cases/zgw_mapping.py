"""Each catalogue product as a ZGW case type (zaaktype), so cases can later be kept in a case
system that offers the ZGW Catalogi API, such as Open Zaak. Only the mapping: no adapter yet.

The facts live in `zgw_mapping.json`: per product the case type's URL, identification, texts,
lead time, document types and archive terms; the status types per step are the portal's own
statuses, the same for every case type. The municipality's RSIN (setting `MUNICIPALITY_RSIN`)
is each case type's "verantwoordelijke"; the product's UPL URI from the catalogue becomes its
"productenOfDiensten". What a municipality changes before use: docs/zgw-mapping.md.

The functions give the resources as the Catalogi API 1.3.1 describes them (ZaakType,
StatusType, InformatieObjectType), so the mapping can be checked against that schema and a
future adapter can compare them with what the case system holds. Dutch field names are the
API's own.
"""

import json
import uuid
from functools import cache
from pathlib import Path

from portal.cases.models import Case

MAPPING_FILE = Path(__file__).with_name("zgw_mapping.json")


@cache
def mapping() -> dict:
    with MAPPING_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def _api(path: str) -> str:
    return f"{mapping()['catalogi_api'].rstrip('/')}/{path}"


def _derived_url(kind: str, *parts: str) -> str:
    """A stable placeholder URL for a sub-resource, until the case system gives real ones."""
    return _api(f"{kind}/{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join(parts))}")


def catalogus_url() -> str:
    return _api(f"catalogussen/{mapping()['catalogus']}")


def entry(slug: str) -> dict | None:
    """The product's case type entry; None for a product that never becomes a case."""
    return mapping()["zaaktypen"].get(slug)


def zaaktype_url(slug: str) -> str | None:
    found = entry(slug)
    return found["zaaktype_url"] if found else None


def statustype_url(slug: str, status: str) -> str:
    return _derived_url("statustypen", zaaktype_url(slug) or slug, status)


def informatieobjecttype_url(kind: str) -> str:
    return _derived_url("informatieobjecttypen", mapping()["catalogus"], kind)


def zaaktype(slug: str, *, rsin: str, upl_uri: str | None) -> dict:
    """The case type of the product as a Catalogi API ZaakType resource."""
    found = entry(slug)
    if found is None:
        raise KeyError(slug)
    data = mapping()
    extension = found.get("verlenging_mogelijk")
    return {
        "url": found["zaaktype_url"],
        "identificatie": found["identificatie"],
        "omschrijving": found["omschrijving"],
        "vertrouwelijkheidaanduiding": found.get("confidentiality", "zaakvertrouwelijk"),
        "doel": found["doel"],
        "aanleiding": found["aanleiding"],
        "indicatieInternOfExtern": "extern",
        "handelingInitiator": found["handeling_initiator"],
        "onderwerp": found["onderwerp"],
        "handelingBehandelaar": found["handeling_behandelaar"],
        "doorlooptijd": found["doorlooptijd"],
        "opschortingEnAanhoudingMogelijk": True,
        "verlengingMogelijk": extension is not None,
        "verlengingstermijn": extension,
        "publicatieIndicatie": False,
        "productenOfDiensten": [upl_uri] if upl_uri else [],
        "referentieproces": {"naam": found["omschrijving"][:80]},
        "verantwoordelijke": rsin,
        "catalogus": catalogus_url(),
        "statustypen": [statustype_url(slug, s["code"]) for s in data["status_types"]],
        "informatieobjecttypen": [informatieobjecttype_url(k) for k in found["documents"]],
        "resultaattypen": [],
        "eigenschappen": [],
        "roltypen": [],
        "zaakobjecttypen": [],
        "besluittypen": [],
        "deelzaaktypen": [],
        "gerelateerdeZaaktypen": [],
        "beginGeldigheid": data["begin_geldigheid"],
        "versiedatum": data["begin_geldigheid"],
        "concept": False,
    }


def statustypen(slug: str) -> list[dict]:
    """One StatusType per step of the portal's cases, in order; the last ends the case."""
    steps = mapping()["status_types"]
    return [
        {
            "url": statustype_url(slug, step["code"]),
            "omschrijving": step["omschrijving"],
            "statustekst": step["statustekst"],
            "zaaktype": zaaktype_url(slug),
            "zaaktypeIdentificatie": entry(slug)["identificatie"],
            "catalogus": catalogus_url(),
            "volgnummer": number,
            "isEindstatus": number == len(steps),
            "informeren": True,
            "zaakobjecttype": "",
        }
        for number, step in enumerate(steps, start=1)
    ]


def informatieobjecttypen() -> list[dict]:
    data = mapping()
    return [
        {
            "url": informatieobjecttype_url(kind),
            "catalogus": catalogus_url(),
            "omschrijving": facts["omschrijving"],
            "vertrouwelijkheidaanduiding": facts["vertrouwelijkheidaanduiding"],
            "beginGeldigheid": data["begin_geldigheid"],
            "concept": False,
            "zaaktypen": "",
            "besluittypen": [],
            "informatieobjectcategorie": facts["informatieobjectcategorie"],
        }
        for kind, facts in data["document_types"].items()
    ]


def archive_terms(slug: str) -> dict:
    """archiefnominatie and archiefactietermijn, as a ResultaatType carries them."""
    return dict(entry(slug)["archive"])


def product_codes(case: Case) -> dict:
    """The UPL URI and SDG code the product had when the case began (kept with its
    "created" event; no column of its own)."""
    created = next((e for e in case.events if e.action == "created"), None)
    detail = (created.detail or {}) if created is not None else {}
    return {"upl": detail.get("upl"), "sdg": detail.get("sdg")}


def case_reference(case: Case) -> dict:
    """What a case system needs to type this case: its case type, current status type and
    the product's national codes."""
    return {
        "zaaktype": zaaktype_url(case.product_slug),
        "statustype": statustype_url(case.product_slug, case.status)
        if entry(case.product_slug)
        else None,
        **product_codes(case),
    }
