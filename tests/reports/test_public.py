"""The public overview "Meldingen in de buurt": what it shows and, above all, what it never
shows (names, contact details, descriptions, house numbers, unapproved photos)."""

import re
from datetime import timedelta

import pytest

from portal.extensions import db
from portal.reports import demo, public
from portal.reports.models import ReportCategory, ReportPhoto
from portal.reports.texts import DONE
from tests.reports.factories import make_report, now, offset

OVERVIEW = "/meldingen-in-de-buurt"
SECRET = "Mevrouw Jansen van nummer 12, bel 06-12345678 of jansen@example.org"


@pytest.fixture
def secret_report(app):
    """A report whose description and place hold personal data."""
    report = make_report(description=SECRET, street="Dorpsstraat", area="Centrum")
    report.address_text = "Dorpsstraat 12"
    report.latitude, report.longitude = 52.3012345, 6.0998765
    case = report_case(report)
    case.contact = {"email": "jansen@example.org", "phone": "0612345678"}
    db.session.commit()
    return report


def report_case(report):
    from portal.cases.models import Case

    return db.session.get(Case, report.case_id)


def _ids(html: str) -> set[int]:
    return {int(found) for found in re.findall(r"/meldingen-in-de-buurt/(\d+)", html)}


def test_overview_and_detail_show_no_personal_data(client, secret_report):
    pages = [client.get(OVERVIEW), client.get(f"{OVERVIEW}/{secret_report.id}")]
    pages.append(client.get(f"{OVERVIEW}?weergave=kaart"))
    for response in pages:
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        for forbidden in ("Jansen", "jansen@", "0612345678", "06-12345678", "Dorpsstraat 12"):
            assert forbidden not in html
        assert report_case(secret_report).number not in html
        assert "52.3012345" not in html and "6.0998765" not in html
    assert "Dorpsstraat, Centrum" in pages[1].get_data(as_text=True)
    assert "Lantaarnpaal brandt niet of knippert" in pages[1].get_data(as_text=True)


def test_coordinates_are_rounded_to_street_level(app, secret_report):
    with app.test_request_context():
        shown = public.get_public(secret_report.id)
    assert (shown.latitude, shown.longitude) == (52.301, 6.1)


def test_filters_by_area_and_main_category(client, app):
    lamp = make_report("lantaarnpaal-kapot", area="Centrum")
    hole = make_report("gat-in-de-weg", at=offset((52.3, 6.1), north_m=400), area="Haven")
    db.session.commit()

    assert _ids(client.get(OVERVIEW).text) == {lamp.id, hole.id}
    assert _ids(client.get(f"{OVERVIEW}?wijk=Haven").text) == {hole.id}
    assert _ids(client.get(f"{OVERVIEW}?categorie=verlichting").text) == {lamp.id}
    assert _ids(client.get(f"{OVERVIEW}?wijk=Haven&categorie=verlichting").text) == set()
    # An unknown filter value is ignored rather than hiding everything.
    assert _ids(client.get(f"{OVERVIEW}?wijk=Nergens&categorie=x").text) == {lamp.id, hole.id}


def test_closed_reports_show_for_30_days_marked_closed(client, app):
    recent = make_report(status=DONE, created_at=now() - timedelta(days=29))
    old = make_report(status=DONE, created_at=now() - timedelta(days=31))
    db.session.commit()

    html = client.get(OVERVIEW).text
    assert _ids(html) == {recent.id}
    assert "Gesloten" in html
    assert client.get(f"{OVERVIEW}/{old.id}").status_code == 404


def test_non_public_category_is_hidden(client, app):
    visible = make_report("lantaarnpaal-kapot")
    dog_mess = make_report("hondenpoep")
    db.session.commit()

    html = client.get(OVERVIEW).text
    assert _ids(html) == {visible.id}
    assert "Hondenpoep" not in html
    assert client.get(f"{OVERVIEW}/{dog_mess.id}").status_code == 404

    db.session.execute(
        db.update(ReportCategory)
        .where(ReportCategory.slug == "lantaarnpaal-kapot")
        .values(public=False)
    )
    db.session.commit()
    assert _ids(client.get(OVERVIEW).text) == set()


def test_merged_duplicate_leads_to_the_report_it_joined(client, app):
    main = make_report()
    duplicate = make_report(merged_into=main, is_open=False)
    db.session.commit()

    assert _ids(client.get(OVERVIEW).text) == {main.id}
    response = client.get(f"{OVERVIEW}/{duplicate.id}")
    assert response.status_code == 301
    assert response.headers["Location"].endswith(f"{OVERVIEW}/{main.id}")


def test_only_approved_photos_are_shown(client, app, monkeypatch):
    report = make_report()
    for approved in (True, False):
        report.photos.append(
            ReportPhoto(
                path=f"photo-{approved}.jpg",
                thumbnail_path=f"thumb-{approved}.jpg",
                content_type="image/jpeg",
                size=10,
                public_approved=approved,
                created_at=now(),
            )
        )
    db.session.commit()
    monkeypatch.setattr(public, "_photo_url", lambda photo: f"/foto/{photo.path}")

    html = client.get(f"{OVERVIEW}/{report.id}").text
    assert "/foto/photo-True.jpg" in html
    assert "photo-False" not in html and "thumb-False" not in html


@pytest.mark.parametrize(
    "query",
    ["pagina=abc", "pagina=-4", "pagina=99999999999999999999", "weergave=<script>", "wijk=%00"],
)
def test_odd_query_values_give_a_normal_page(client, app, query):
    make_report()
    db.session.commit()
    assert client.get(f"{OVERVIEW}?{query}").status_code == 200


def test_unknown_or_huge_ids_are_not_found(client, app):
    for report_id in ("0", "999999", "99999999999999999999", "abc"):
        assert client.get(f"{OVERVIEW}/{report_id}").status_code == 404


def test_list_pages_through_many_reports(client, app):
    for step in range(public.PAGE_SIZE + 3):
        make_report(at=offset((52.3, 6.1), north_m=step * 10))
    db.session.commit()

    first, second = client.get(OVERVIEW).text, client.get(f"{OVERVIEW}?pagina=2").text
    assert len(_ids(first)) == public.PAGE_SIZE
    assert len(_ids(second)) == 3
    assert 'rel="next"' in first


def test_demo_reports_load_once_and_fill_the_overview(client, app):
    from portal.catalog import demo as catalog_demo
    from portal.reports import categories

    catalog_demo.load()
    categories.load()
    assert demo.load() is True
    assert demo.load() is False
    db.session.commit()

    with app.test_request_context():
        result = public.overview()
        statuses = {report.status for report in public.map_reports()}
    # Hondenpoep is not public; two closed reports are older than 30 days.
    assert result.total == len(demo.demo_reports()) - 3
    assert statuses == {"gemeld", "in_behandeling", "ingepland", "doorgestuurd", "afgehandeld"}
    assert client.get(OVERVIEW).status_code == 200


def test_catalogue_page_links_to_the_overview(client, app):
    from portal.catalog import demo as catalog_demo

    catalog_demo.load()
    db.session.commit()
    html = client.get("/producten/melding-openbare-ruimte").text
    assert 'href="/meldingen-in-de-buurt"' in html


def test_map_view_has_the_map_with_rounded_markers_and_a_text_list(client, secret_report):
    html = client.get(f"{OVERVIEW}?weergave=kaart").text
    assert 'data-report-map="view"' in html
    assert "&#34;lat&#34;: 52.301" in html or '"lat": 52.301' in html
    assert f'href="{OVERVIEW}/{secret_report.id}"' in html
