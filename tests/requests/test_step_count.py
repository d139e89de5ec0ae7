"""The start page names as many steps as the counter shows, and the counter's total stays the
same while an answer adds or skips a step."""

import re

import pytest

from portal.requests import engine
from portal.requests.definition import definitions
from tests.requests.conftest import text_of

COUNTER = re.compile(r"Stap (\d+) van (\d+)")


def _counter(walker) -> tuple[int, int]:
    number, total = COUNTER.search(text_of(walker.page())).groups()
    return int(number), int(total)


@pytest.mark.parametrize("slug", sorted(definitions()))
def test_the_total_counts_every_step_that_may_come(slug):
    definition = definitions()[slug]
    last = definition.all_steps[-1]
    assert engine.step_position(definition, last) == (len(definition.all_steps),) * 2


def test_a_skipped_step_keeps_its_number_and_the_total():
    definition = definitions()["uittreksel-brp"]
    positions = [engine.step_position(definition, step) for step in definition.all_steps]
    assert positions == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert engine.may_skip_steps(definition)
    assert not engine.may_skip_steps(definitions()["hulp-bij-het-huishouden"])


def test_the_start_page_names_the_total_of_the_counter(signed_in, walker):
    client = signed_in("inwoner")
    start = text_of(client.get("/aanvragen/uittreksel-brp"))
    assert "Het formulier heeft hooguit 4 korte stappen." in start
    walker.begin("uittreksel-brp")
    assert _counter(walker) == (1, 4)


def test_an_answer_that_adds_a_step_does_not_change_the_total(signed_in, walker):
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    walker.post({})
    assert _counter(walker) == (2, 4)
    walker.post({"soort": "huidig", "doel": "buitenland"})
    assert walker.step_name == "buitenland"
    assert _counter(walker) == (3, 4)
    walker.post({"land": "Spanje"})
    assert walker.step_name == "contact"
    assert _counter(walker) == (4, 4)


def test_a_skipped_step_leaves_the_total_as_it_was(signed_in, walker):
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    assert walker.step_name == "contact"
    assert _counter(walker) == (4, 4)


def test_a_form_without_conditional_steps_names_its_exact_count(signed_in):
    client = signed_in("inwoner")
    start = text_of(client.get("/aanvragen/hulp-bij-het-huishouden"))
    steps = len(definitions()["hulp-bij-het-huishouden"].all_steps)
    assert f"Het formulier heeft {steps} korte stappen." in start
