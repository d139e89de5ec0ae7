"""Who sees which case (the authorization matrix), and what residents do with their cases."""

import io
from datetime import datetime, timedelta

import pytest

from portal.cases import creation, handling, services
from portal.cases import resident_services as mine
from portal.cases.files import FileRejected
from portal.cases.services import CaseError

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


class Upload:
    def __init__(self, data: bytes, filename: str = "kopie.pdf") -> None:
        self.stream = io.BytesIO(data)
        self.filename = filename


@pytest.fixture
def cases(new_case, make_party):
    """Fatima's case, two of Henk's (one in and one outside his daughter's mandate), and
    cases of Café De Zon for its branch, another branch and the whole company."""
    henk = make_party("person", "999990111")
    return {
        "fatima": new_case("parkeervergunning-bewoners"),
        "henk_wmo": new_case("hulp-bij-het-huishouden", party=henk),
        "henk_parking": new_case("parkeervergunning-bewoners", party=henk),
        "branch": new_case(
            "terrasvergunning", party=make_party("company", "90001234", "000012345678")
        ),
        "other_branch": new_case(
            "terrasvergunning", party=make_party("company", "90001234", "000099999999")
        ),
        "company_wide": new_case("terrasvergunning", party=make_party("company", "90001234")),
        "other_company": new_case("terrasvergunning", party=make_party("company", "90009012")),
    }


def _visible(principal, cases) -> set[str]:
    return {name for name, case in cases.items() if mine.case_for(principal, case.number)}


def test_a_resident_sees_only_her_own_cases(cases, resident):
    assert _visible(resident(), cases) == {"fatima"}


def test_another_resident_sees_none_of_them(cases, resident):
    assert _visible(resident("999990032", "Kees de Vries"), cases) == set()


def test_a_representative_sees_only_what_the_mandate_covers(cases, representative):
    assert _visible(representative(), cases) == {"henk_wmo"}


def test_a_representative_with_a_wider_mandate_sees_more(cases, representative):
    wider = representative(("hulp-bij-het-huishouden", "parkeervergunning-bewoners"))
    assert _visible(wider, cases) == {"henk_wmo", "henk_parking"}


def test_a_company_acting_for_a_person_sees_only_what_the_mandate_covers(
    cases, company, make_party
):
    from dataclasses import replace

    # An administrator (bewindvoerder) signs in with eHerkenning and acts for Henk.
    administrator = replace(
        company("90005678", None),
        represented=make_party("person", "999990111"),
        mandate_services=("persoonsgegevens", "parkeervergunning-bewoners"),
    )
    assert _visible(administrator, cases) == {"henk_parking"}
    # Acting for Henk, the administrator does not see the firm's own cases either.
    assert mine.cases_for(administrator).total == 1


def test_a_mandate_without_products_shows_no_cases(cases, representative):
    assert _visible(representative(()), cases) == set()


def test_the_represented_person_sees_all_his_cases(cases, resident):
    assert _visible(resident("999990111", "Henk Bakker"), cases) == {"henk_wmo", "henk_parking"}


def test_a_branch_sees_its_own_and_company_wide_cases(cases, company):
    assert _visible(company(), cases) == {"branch", "company_wide"}


def test_the_whole_company_sees_every_branch(cases, company):
    assert _visible(company(branch=None), cases) == {"branch", "other_branch", "company_wide"}


def test_the_list_is_newest_first_and_paginated(new_case, resident):
    made = [new_case() for _ in range(mine.PER_PAGE + 2)]
    first = mine.cases_for(resident())
    second = mine.cases_for(resident(), page=2)
    assert (first.total, first.pages) == (len(made), 2)
    assert first.items[0].number == made[-1].number
    assert [c.number for c in second.items] == [made[1].number, made[0].number]
    assert mine.cases_for(resident(), page=99).page == 2


def test_open_and_closed_are_listed_apart(new_case, resident, handler):
    open_case, closed_case = new_case(), new_case()
    handling.close_case(closed_case, "toegekend", None, handler())
    assert mine.cases_for(resident()).items == [open_case]
    assert mine.cases_for(resident(), closed=True).items == [closed_case]
    assert mine.count_cases(resident()) == {"open": 1, "closed": 1}


def test_completing_a_task_with_a_file_resumes_the_case(new_case, resident, app):
    case = new_case()
    task = handling.request_information(case, "Stuur een kopie van uw kentekenbewijs.", None)
    mine.complete_task(case, task, resident(), text="Hierbij.", upload=Upload(PDF))
    assert task.completed_at is not None and task.answer_text == "Hierbij."
    assert task.answer_document.kind == "antwoord"
    assert case.status == "in_behandeling"


def test_the_norm_clock_stands_still_while_waiting(new_case, resident, monkeypatch):
    start = datetime(2026, 3, 9, 9, 0)  # Monday
    for module in (services, creation, handling):
        monkeypatch.setattr(module, "now", lambda: start)
    case = new_case()
    before = case.expected_completion
    task = handling.request_information(case, "Kopie kentekenbewijs", None)
    for module in (services, creation, handling):  # a week later
        monkeypatch.setattr(module, "now", lambda: start + timedelta(days=7))
    monkeypatch.setattr(mine, "now", lambda: start + timedelta(days=7))
    mine.complete_task(case, task, resident(), text="Hier is hij.")
    assert (case.expected_completion - before).days == 7  # five working days later


def test_a_task_needs_an_answer_and_is_done_once(new_case, resident):
    case = new_case()
    task = handling.request_information(case, "Kopie", None)
    with pytest.raises(CaseError):
        mine.complete_task(case, task, resident(), text="  ")
    mine.complete_task(case, task, resident(), text="Gedaan")
    with pytest.raises(CaseError):
        mine.complete_task(case, task, resident(), text="Nog eens")


def test_a_task_file_must_be_a_document_or_photo(new_case, resident):
    case = new_case()
    task = handling.request_information(case, "Kopie", None)
    with pytest.raises(FileRejected):
        mine.complete_task(case, task, resident(), upload=Upload(b"just text", "a.txt"))
    assert task.completed_at is None


def test_feedback_once_for_a_closed_case(new_case, resident, handler):
    case = new_case()
    with pytest.raises(CaseError):
        mine.give_feedback(case, 8, "", resident())
    handling.close_case(case, "toegekend", None, handler())
    with pytest.raises(CaseError):
        mine.give_feedback(case, 11, "", resident())
    feedback = mine.give_feedback(case, 8, " Snel geregeld ", resident())
    assert (feedback.mark, feedback.comment) == (8, "Snel geregeld")
    with pytest.raises(CaseError):
        mine.give_feedback(case, 9, "", resident())


def test_the_inbox_counts_unread_messages_of_visible_cases(cases, handler, representative):
    staff = handler()
    handling.send_message(cases["henk_wmo"], "Wij komen op bezoek.", staff)
    handling.send_message(cases["henk_parking"], "Uw vergunning.", staff)
    daughter = representative()
    assert [m.body for m in mine.inbox(daughter).items] == ["Wij komen op bezoek."]
    assert mine.unread_count(daughter) == 1
    mine.mark_read(mine.inbox(daughter).items)
    assert mine.unread_count(daughter) == 0
    hidden = cases["henk_parking"].messages[0]
    assert mine.message_for(daughter, hidden.id) is None
