"""Case numbers and idempotency hold when submissions arrive at the same time."""

import threading

from sqlalchemy import select

from portal.cases import creation
from portal.cases.models import Case
from portal.extensions import db


def _submit_in_parallel(app, make_party, keys: list[str]) -> list[str]:
    barrier = threading.Barrier(len(keys))
    numbers: list[str] = []
    errors: list[Exception] = []

    def submit(key: str) -> None:
        with app.app_context():
            try:
                barrier.wait()
                case = creation.create_case(
                    product_slug="uittreksel-brp",
                    party=make_party(),
                    actor=None,
                    answers={},
                    idempotency_key=key,
                )
                numbers.append(case.number)
                db.session.commit()
            except Exception as error:  # collected and asserted below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return numbers


def test_parallel_submissions_get_distinct_numbers(app, make_party):
    numbers = _submit_in_parallel(app, make_party, [f"key-{i}" for i in range(6)])
    assert len(set(numbers)) == 6
    suffixes = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
    assert suffixes == [1, 2, 3, 4, 5, 6]


def test_the_same_submission_twice_at_once_makes_one_case(app, make_party):
    if db.engine.dialect.name != "postgresql":
        # SQLite lets one writer in at a time; the unique key refuses the second case there.
        return
    numbers = _submit_in_parallel(app, make_party, ["same-draft"] * 3)
    assert len(set(numbers)) == 1
    assert len(db.session.scalars(select(Case)).all()) == 1
