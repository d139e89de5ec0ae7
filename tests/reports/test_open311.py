"""The Open311 GeoReport v2 API: every response against the spec's field lists, in JSON and
XML; the api_key; the spec's error list for bad input; no personal data in GET responses;
and never a 500, whatever is sent."""

import json
import re
from datetime import timedelta
from xml.etree import ElementTree

import pytest

from portal.cases.models import Case
from portal.extensions import db
from portal.reports.models import Report, ReportFollower
from portal.reports.texts import DONE
from tests.reports.factories import make_report, now

API = "/open311/v2"
KEY = "test-open311-key-0123456789"
SECRET = "Mevrouw Jansen van nummer 12, bel 0612345678"

# The field lists of GeoReport v2 (wiki.open311.org/GeoReport_v2), per response.
DISCOVERY_FIELDS = {"changeset", "contact", "key_service", "endpoints"}
ENDPOINT_FIELDS = {"specification", "url", "changeset", "type", "formats"}
SERVICE_FIELDS = {
    "service_code", "service_name", "description", "metadata", "type", "keywords", "group",
}  # fmt: skip
DEFINITION_FIELDS = {"service_code", "attributes"}
ATTRIBUTE_FIELDS = {
    "variable", "code", "datatype", "required", "datatype_description", "order", "description",
}  # fmt: skip
VALUE_FIELDS = {"key", "name"}
REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
    "long", "media_url",
}  # fmt: skip
POST_FIELDS = {"service_request_id", "service_notice", "account_id"}
TOKEN_FIELDS = {"service_request_id", "token"}
ERROR_FIELDS = {"code", "description"}
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}
W3 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$")


@pytest.fixture
def api(app, client):
    from portal.catalog import demo as catalog_demo
    from portal.registries import demo as registry_demo
    from portal.reports import categories

    catalog_demo.load()
    registry_demo.load()
    categories.load()
    app.config["OPEN311_API_KEYS"] = ("another-key-abcdefghijkl", KEY)
    db.session.commit()
    return client


@pytest.fixture
def reports(api):
    lamp = make_report(description=SECRET)
    db.session.get(Case, lamp.case_id).contact = {"email": "jansen@example.org"}
    done = make_report("gat-in-de-weg", status=DONE, created_at=now() - timedelta(days=10))
    make_report("hondenpoep", description=SECRET)
    db.session.commit()
    return {"open": lamp, "closed": done}


def _xml(response):
    assert response.content_type == "text/xml; charset=utf-8"
    assert response.data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ElementTree.fromstring(response.data)  # noqa: S314 - our own response


def _json(response):
    assert response.content_type == "application/json; charset=utf-8"
    return json.loads(response.data)


def both(client, path, status=200, **kwargs):
    """GET (or POST with data=) the resource as .json and .xml: (json data, xml root)."""
    method = client.post if "data" in kwargs else client.get
    as_json = method(f"{API}/{path}.json", **kwargs)
    as_xml = method(f"{API}/{path}.xml", **kwargs)
    assert (as_json.status_code, as_xml.status_code) == (status, status), as_json.text
    return _json(as_json), _xml(as_xml)


def assert_list(data, root, plural, singular, fields):
    """JSON: an array of objects with exactly `fields`; XML: <plural><singular>… the same."""
    assert isinstance(data, list)
    assert root.tag == plural
    assert len(root) == len(data)
    for item, element in zip(data, root, strict=True):
        assert set(item) == fields
        assert element.tag == singular
        assert {child.tag for child in element} == fields
    return data


def assert_error(data, root, code):
    assert_list(data, root, "errors", "error", ERROR_FIELDS)
    assert data[0]["code"] == code and data[0]["description"]
    assert root.find("error/code").text == str(code)


def post(api, fmt="json", **fields):
    data = {"api_key": KEY, "service_code": "lantaarnpaal-schade", "lat": "52.3", "long": "6.1"}
    return api.post(f"{API}/requests.{fmt}", data={**data, **fields})


def test_discovery(api):
    data, root = both(api, "discovery")
    assert set(data) == DISCOVERY_FIELDS
    assert {child.tag for child in root} == DISCOVERY_FIELDS
    (endpoint,) = data["endpoints"]
    assert set(endpoint) == ENDPOINT_FIELDS
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == endpoint[
        "formats"
    ]


def test_services(api):
    data, root = both(api, "services")
    services = assert_list(data, root, "services", "service", SERVICE_FIELDS)
    codes = {service["service_code"]: service for service in services}
    assert codes["lantaarnpaal-kapot"]["metadata"] is True
    assert codes["lantaarnpaal-schade"]["metadata"] is False
    assert codes["lantaarnpaal-kapot"]["group"] == "Straatverlichting"
    assert {service["type"] for service in services} == {"realtime"}
    assert "verlichting" not in codes  # main categories are groups, not services
    assert root.find("service/metadata").text in ("true", "false")


def test_service_definition_from_the_category_questions(api):
    data, root = both(api, "services/lantaarnpaal-kapot")
    assert set(data) == DEFINITION_FIELDS
    assert root.tag == "service_definition"
    assert data["service_code"] == "lantaarnpaal-kapot"
    for attribute in data["attributes"]:
        assert set(attribute) - {"values"} == ATTRIBUTE_FIELDS
        assert attribute["datatype"] in DATATYPES
    lamp = data["attributes"][0]
    assert (lamp["code"], lamp["datatype"], lamp["required"], lamp["order"]) == (
        "lamp", "singlevaluelist", True, 1,
    )  # fmt: skip
    assert all(set(value) == VALUE_FIELDS for value in lamp["values"])
    assert [v.text for v in root.findall("attributes/attribute/values/value/key")] == [
        value["key"] for value in lamp["values"]
    ]
    without, _root = both(api, "services/lantaarnpaal-schade")
    assert without["attributes"] == []


def test_requests_list_and_single(api, reports):
    data, root = both(api, "requests")
    items = assert_list(data, root, "service_requests", "request", REQUEST_FIELDS)
    by_id = {item["service_request_id"]: item for item in items}
    # The non-public category (hondenpoep) is not there.
    assert set(by_id) == {str(reports["open"].id), str(reports["closed"].id)}
    lamp = by_id[str(reports["open"].id)]
    assert lamp["status"] == "open" and by_id[str(reports["closed"].id)]["status"] == "closed"
    for field in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert W3.match(lamp[field]), lamp[field]
    assert (lamp["lat"], lamp["long"]) == (52.3, 6.1)
    assert lamp["address"] == "Dorpsstraat, Centrum"

    single, single_root = both(api, f"requests/{reports['open'].id}")
    assert assert_list(single, single_root, "service_requests", "request", REQUEST_FIELDS) == [lamp]


def test_get_responses_hold_no_personal_data(api, reports):
    case = db.session.get(Case, reports["open"].case_id)
    for path in ("requests", f"requests/{reports['open'].id}"):
        for fmt in ("json", "xml"):
            text = api.get(f"{API}/{path}.{fmt}").get_data(as_text=True)
            for forbidden in ("Jansen", "0612345678", "jansen@", case.number, "Dorpsstraat 1"):
                assert forbidden not in text


def test_request_filters(api, reports):
    def ids(query):
        return {
            item["service_request_id"] for item in _json(api.get(f"{API}/requests.json?{query}"))
        }

    lamp, hole = str(reports["open"].id), str(reports["closed"].id)
    assert ids("status=open") == {lamp}
    assert ids("status=closed") == {hole}
    assert ids("status=open,closed") == {lamp, hole}
    assert ids("service_code=gat-in-de-weg") == {hole}
    assert ids("service_code=gat-in-de-weg,lantaarnpaal-kapot") == {lamp, hole}
    assert ids("service_code=bestaat-niet") == set()
    assert ids(f"service_request_id={lamp}&status=closed") == {lamp}  # overrides the rest
    start = (now() - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(f"start_date={start}") == {lamp}
    assert ids(f"end_date={start}") == {hole}
    assert ids("page_size=1") | ids("page_size=1&page=2") == {lamp, hole}
    assert ids("page=3&page_size=1") == set()


@pytest.mark.parametrize(
    "query",
    [
        "status=pending",
        "start_date=yesterday",
        "start_date=2025-01-01T00:00:00",  # no zone
        "start_date=2020-01-01T00:00:00Z&end_date=2021-01-01T00:00:00Z",  # over 90 days
        "service_request_id=abc",
        "page_size=100000",
        "page=0",
    ],
)
def test_bad_request_filters_get_the_error_list(api, query):
    for fmt in ("json", "xml"):
        response = api.get(f"{API}/requests.{fmt}?{query}")
        assert response.status_code == 400
    data = _json(api.get(f"{API}/requests.json?{query}"))
    assert_error(data, _xml(api.get(f"{API}/requests.xml?{query}")), 400)


def test_unknown_resources_are_404_in_the_error_format(api, reports):
    for path in (
        "requests/999999",
        "requests/abc",
        "services/bestaat-niet",
        "tokens/unknowntoken123456",
    ):
        data, root = both(api, path, status=404)
        assert_error(data, root, 404)
    assert api.get(f"{API}/requests/{reports['open'].id}.csv").status_code == 404


def test_post_files_a_report_case(api):
    response = post(
        api,
        service_code="lantaarnpaal-kapot",
        description="De lamp knippert.",
        email="melder@example.org",
        phone="06 12345678",
        first_name="Piet",
        last_name="Jansen",
        media_url="http://example.org/foto.jpg",
        **{"attribute[lamp]": "knippert", "attribute[paalnummer]": "12-034"},
    )
    assert response.status_code == 200, response.text
    (created,) = assert_list(_json(response), _xml(post(api, "xml")), "service_requests",
                             "request", POST_FIELDS)  # fmt: skip
    assert "token" not in created  # realtime: an id, never both
    assert "Uw zaaknummer is Z-" in created["service_notice"]

    report = db.session.get(Report, int(created["service_request_id"]))
    case = db.session.get(Case, report.case_id)
    assert (report.source, report.location_source, report.category_slug) == (
        "open311", "open311", "lantaarnpaal-kapot",
    )  # fmt: skip
    assert report.answers == {"lamp": "knippert", "paalnummer": "12-034"}
    assert report.street  # named after the nearest street
    assert case.team == "openbare-ruimte" and case.party_kind == "anonymous"
    assert case.contact["email"] == "melder@example.org"
    follower = db.session.scalars(db.select(ReportFollower).filter_by(report_id=report.id)).one()
    assert follower.email == "melder@example.org"
    stored = json.dumps([case.answers, case.contact, report.answers, report.address_text])
    assert "Piet" not in stored and "example.org/foto" not in stored

    public = api.get(f"{API}/requests/{report.id}.json").get_data(as_text=True)
    assert "melder@example.org" not in public and "knippert." not in public

    token = case.idempotency_key.removeprefix("open311:")
    data, root = both(api, f"tokens/{token}")
    assert assert_list(data, root, "service_requests", "request", TOKEN_FIELDS) == [
        {"service_request_id": str(report.id), "token": token}
    ]


def test_post_with_an_address_string(api):
    response = post(api, lat="", long="", address_string="Dorpsstraat 12")
    assert response.status_code == 200, response.text
    report = db.session.get(Report, int(_json(response)[0]["service_request_id"]))
    assert report.street == "Dorpsstraat"


@pytest.mark.parametrize("key", [None, "", "wrong", KEY + "x", KEY[:-1]])
def test_post_without_a_valid_api_key_is_403(api, key):
    for fmt in ("json", "xml"):
        response = (
            post(api, fmt, api_key=key)
            if key is not None
            else api.post(
                f"{API}/requests.{fmt}", data={"service_code": "boom", "lat": "52.3", "long": "6.1"}
            )
        )
        assert response.status_code == 403
    assert_error(
        _json(post(api, api_key=key or "")), _xml(post(api, "xml", api_key=key or "")), 403
    )
    assert db.session.scalar(db.select(db.func.count()).select_from(Report)) == 0


def test_no_key_configured_means_no_one_may_post(api, app):
    app.config["OPEN311_API_KEYS"] = ()
    assert post(api, api_key="").status_code == 403


@pytest.mark.parametrize(
    "fields, status",
    [
        ({"lat": "abc"}, 400),
        ({"lat": "52.3", "long": ""}, 400),
        ({"lat": "nan", "long": "6.1"}, 400),
        ({"lat": "91", "long": "6.1"}, 400),
        ({"lat": "52.2", "long": "5.9"}, 400),  # outside the municipality
        ({"lat": "", "long": ""}, 400),  # no place at all
        ({"lat": "", "long": "", "address_string": "Onbekendelaan 999"}, 400),
        ({"description": "x" * 1001}, 400),
        ({"email": "geen-adres"}, 400),
        ({"service_code": ""}, 400),
        ({"service_code": "bestaat-niet"}, 404),
        ({"service_code": "lantaarnpaal-kapot"}, 400),  # its required attribute is missing
        ({"service_code": "lantaarnpaal-kapot", "attribute[lamp]": "ontploft"}, 400),
    ],
)
def test_bad_posts_get_the_error_list(api, fields, status):
    data, root = _json(post(api, **fields)), _xml(post(api, "xml", **fields))
    assert_error(data, root, status)
    assert post(api, **fields).status_code == status
    assert db.session.scalar(db.select(db.func.count()).select_from(Report)) == 0


ODD_VALUES = [
    "", " ", "\x00", "a\x00b", "\x1b[31m", "é" * 5000, "<script>alert(1)</script>", "]]>",
    "-1", "0", "1e400", "-inf", "NaN", "99999999999999999999", "1,2,3", "%", "'; DROP TABLE x;--",
    "\ud7ff\ufffe", "../../etc/passwd",
]  # fmt: skip


def test_odd_input_never_gives_a_500(api, reports):
    get_params = ["service_request_id", "service_code", "start_date", "end_date", "status",
                  "page", "page_size", "jurisdiction_id"]  # fmt: skip
    post_fields = ["service_code", "lat", "long", "address_string", "address_id", "description",
                   "email", "phone", "first_name", "last_name", "media_url",
                   "attribute[lamp]"]  # fmt: skip
    for value in ODD_VALUES:
        for fmt in ("json", "xml"):
            for name in get_params:
                response = api.get(f"{API}/requests.{fmt}", query_string={name: value})
                assert response.status_code in (200, 400), (name, value, response.status_code)
                _json(response) if fmt == "json" else _xml(response)
            for path in ("requests/", "services/", "tokens/"):
                response = api.get(f"{API}/{path}{value.replace('/', '')}x.{fmt}")
                assert response.status_code in (200, 400, 404), (path, value)
            for name in post_fields:
                fields = {"service_code": "lantaarnpaal-kapot", "attribute[lamp]": "knippert"}
                response = post(api, fmt, **{**fields, name: value})
                assert response.status_code in (200, 400, 403, 404), (name, value, response.text)
                _json(response) if fmt == "json" else _xml(response)
