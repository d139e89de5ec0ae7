"""The official BRP API Personen 2.7.0 contract, as a checker for requests and answers.

Reads `tests/registries/fixtures/brp/contract/` (the resolved OpenAPI file and the lists of
valid `fields` paths: copies of the project's `shared/contracts/brp/`, unchanged from RvIG's
repository `BRP-API/Haal-Centraal-BRP-bevragen`), so that a clone of the project alone tests.

JSON Schema does not know OpenAPI's `discriminator`, and the spec's subtypes refer back to
their parent with `allOf` (so a plain `oneOf` would loop). So every schema with a
discriminator is split: the parent's own rules stay under `<Name>__base`, the subtypes refer
to that, and the parent itself dispatches on `type` to the mapped subtype (`x-dispatch`).
An unknown `type` is an error, as the mapping is the whole list.
"""

import copy
import csv
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

OPENAPI = "personen-openapi-2.7.0.yaml"
# Delivered by the BRP by itself; asking for them in `fields` is a 400 (spec, PersonenQuery).
AUTOMATIC = ("inOnderzoek", "geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni")
AUTOMATIC += ("verificatie",)
PREFIX = "#/components/schemas/"


def contracts_dir() -> Path:
    return Path(__file__).resolve().parent / "fixtures" / "brp" / "contract"


@cache
def spec() -> dict:
    return yaml.safe_load((contracts_dir() / OPENAPI).read_text(encoding="utf-8"))


@cache
def field_paths(kind: str) -> frozenset[str]:
    """Valid `fields` paths: kind "Persoon" (RaadpleegMetBurgerservicenummer) or
    "PersoonBeperkt" (the ZoekMet… queries)."""
    with (contracts_dir() / f"fields-{kind}.csv").open(encoding="utf-8") as handle:
        return frozenset(row["pad"] for row in csv.DictReader(handle))


def fields_kind(query_type: str) -> str:
    return "Persoon" if query_type == "RaadpleegMetBurgerservicenummer" else "PersoonBeperkt"


def _dispatch(validator, dispatch, instance, _schema):
    if not isinstance(instance, dict):
        return
    tag = instance.get(dispatch["propertyName"])
    target = dispatch["mapping"].get(tag)
    if target is None:
        yield ValidationError(f"unknown {dispatch['propertyName']} {tag!r}")
        return
    yield from validator.descend(instance, {"$ref": target})


_Validator = validators.extend(Draft202012Validator, {"x-dispatch": _dispatch})


@cache
def _document() -> dict:
    document = copy.deepcopy(spec())
    schemas = document["components"]["schemas"]
    parents = {name for name, schema in schemas.items() if "discriminator" in schema}
    for name in parents:
        schema = schemas[name]
        base = {key: value for key, value in schema.items() if key != "discriminator"}
        schemas[f"{name}__base"] = base
        schemas[name] = {
            "$ref": f"{PREFIX}{name}__base",
            "x-dispatch": schema["discriminator"],
        }
    for schema in schemas.values():
        for part in schema.get("allOf", []):
            ref = part.get("$ref", "")
            if ref.removeprefix(PREFIX) in parents:
                part["$ref"] = f"{ref}__base"
    return document


def schema_errors(instance, schema_name: str) -> list[str]:
    """Where `instance` breaks the spec's schema `schema_name`, as "path: message" lines."""
    document = {**_document(), "$ref": PREFIX + schema_name}
    validator = _Validator(document, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(instance), key=lambda error: list(error.path))
    return [
        f"{'.'.join(str(p) for p in error.path) or '(root)'}: {error.message}" for error in errors
    ]


def allowed_parameters(query_type: str) -> frozenset[str]:
    """Every property a query type names (its own and PersonenQuery's)."""
    schemas = spec()["components"]["schemas"]
    names = set(schemas["PersonenQuery"]["properties"])
    for part in schemas[query_type]["allOf"]:
        names |= set(part.get("properties", {}))
    return frozenset(names)


def request_problems(body) -> list[tuple[str, str]]:
    """(parameter, reason) for everything the real API would refuse in this body."""
    if not isinstance(body, dict):
        return [("body", "not a JSON object")]
    query_type = body.get("type")
    mapping = spec()["components"]["schemas"]["PersonenQuery"]["discriminator"]["mapping"]
    if query_type not in mapping:
        return [("type", f"unknown query type {query_type!r}")]
    lines = dict.fromkeys(schema_errors(body, "PersonenQuery"))  # base and subtype both check
    problems = [(line.split(":")[0], line) for line in lines]
    for name in sorted(set(body) - allowed_parameters(query_type)):
        problems.append((name, "parameter not in the specification"))
    valid = field_paths(fields_kind(query_type))
    for index, path in enumerate(body.get("fields") or []):
        if path not in valid:
            problems.append((f"fields[{index}]", f"{path!r} is not a valid fields path"))
    return problems
