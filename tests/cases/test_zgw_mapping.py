"""The ZGW mapping: every catalogue product has a case type (or a stated reason why it never
becomes a case), and each case type, its status types and the document types have the shapes
of the Catalogi API 1.3.1 (schema kept in fixtures/, source noted there)."""

import copy
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from portal.cases import zgw_mapping
from portal.cases.texts import DOCUMENT_KINDS, STATUS_ORDER
from portal.catalog import demo

SPEC = json.loads(
    (Path(__file__).parent / "fixtures" / "zgw-catalogi-1.3.1-schemas.json").read_text()
)
PRODUCTS = {entry["slug"]: entry for entry in demo.read_fixture()["products"]}
RSIN = "002220647"  # the example RSIN of the ZGW documentation; passes the 11-proof
DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$")
checker = FormatChecker()
checker.checks("duration")(lambda value: not isinstance(value, str) or bool(DURATION.match(value)))


def _json_schema(node):
    """OpenAPI 3.0 to JSON Schema: `nullable` becomes a null type, refs point at $defs, and
    read-only properties (the server fills them) are not asked of the mapping."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    if "$ref" in node:
        node["$ref"] = node["$ref"].replace("#/components/schemas/", "#/$defs/")
    if node.pop("nullable", False):
        node = {"anyOf": [node, {"type": "null"}]}
    properties = node.get("properties")
    if isinstance(properties, dict):
        read_only = {name for name, prop in properties.items() if prop.get("readOnly")}
        node["properties"] = {k: v for k, v in properties.items() if k not in read_only}
        if "required" in node:
            node["required"] = [name for name in node["required"] if name not in read_only]
    return node


def validator(name: str) -> Draft202012Validator:
    defs = _json_schema(copy.deepcopy(SPEC["schemas"]))
    return Draft202012Validator({"$ref": f"#/$defs/{name}", "$defs": defs}, format_checker=checker)


def _errors(name: str, resource: dict) -> list[str]:
    return [
        f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator(name).iter_errors(resource)
    ]


def test_every_product_has_a_case_type_or_a_reason():
    data = zgw_mapping.mapping()
    assert set(data["zaaktypen"]) | set(data["no_case"]) == set(PRODUCTS)
    assert not set(data["zaaktypen"]) & set(data["no_case"])


@pytest.mark.parametrize("slug", sorted(zgw_mapping.mapping()["zaaktypen"]))
def test_each_case_type_has_the_shape_of_a_zaaktype(slug):
    resource = zgw_mapping.zaaktype(slug, rsin=RSIN, upl_uri=PRODUCTS[slug].get("upl_uri"))

    assert _errors("ZaakType", resource) == []
    assert resource["verantwoordelijke"] == RSIN
    assert resource["productenOfDiensten"] == [u for u in [PRODUCTS[slug].get("upl_uri")] if u]
    terms = zgw_mapping.archive_terms(slug)
    archive = validator("ResultaatType").schema["$defs"]["ResultaatType"]["properties"]
    assert _errors_in(archive["archiefnominatie"], terms["archiefnominatie"]) == []
    assert _errors_in(archive["archiefactietermijn"], terms["archiefactietermijn"]) == []


def _errors_in(schema: dict, value) -> list[str]:
    defs = _json_schema(copy.deepcopy(SPEC["schemas"]))
    checked = Draft202012Validator({**schema, "$defs": defs}, format_checker=checker)
    return [e.message for e in checked.iter_errors(value)]


@pytest.mark.parametrize("slug", sorted(zgw_mapping.mapping()["zaaktypen"]))
def test_one_status_type_per_step_in_the_portals_order(slug):
    types = zgw_mapping.statustypen(slug)

    assert [_errors("StatusType", t) for t in types] == [[]] * len(STATUS_ORDER)
    assert types[0]["omschrijving"] == "Ontvangen"
    assert [t["volgnummer"] for t in types] == list(range(1, len(STATUS_ORDER) + 1))
    assert [t["isEindstatus"] for t in types] == [False] * (len(STATUS_ORDER) - 1) + [True]
    codes = [s["code"] for s in zgw_mapping.mapping()["status_types"]]
    assert codes == STATUS_ORDER


def test_document_types_cover_the_portals_document_kinds():
    types = zgw_mapping.informatieobjecttypen()

    assert [_errors("InformatieObjectType", t) for t in types] == [[]] * len(types)
    assert set(zgw_mapping.mapping()["document_types"]) == set(DOCUMENT_KINDS)
    for entry in zgw_mapping.mapping()["zaaktypen"].values():
        assert set(entry["documents"]) <= set(DOCUMENT_KINDS)


def test_a_wrong_entry_is_caught_by_the_schema():
    resource = zgw_mapping.zaaktype("uittreksel-brp", rsin=RSIN, upl_uri=None)
    resource["vertrouwelijkheidaanduiding"] = "heel_geheim"
    resource["doorlooptijd"] = "een week"
    del resource["doel"]

    assert len(_errors("ZaakType", resource)) == 3
