"""A step and the check page seen again read the draft and little else, and write nothing:
no register lookup (kept for the draft), no commit."""

from sqlalchemy import event

from portal.extensions import db
from tests.support.queries import queries_for


def _counted(client, url: str):
    db.session.expire_all()  # the tests' requests share one session
    return queries_for(client, url)


def test_a_step_and_the_check_page_seen_again_read_little_and_commit_nothing(
    signed_in, walker, client
):
    client.application.config["SESSION_TOUCH_SECONDS"] = 24 * 3600
    signed_in("inwoner")
    walker.begin("uittreksel-brp")
    step = walker.location
    walker.page()
    walker.post({})
    walker.post({"soort": "huidig", "doel": "nederland"})
    walker.post({"email": "fatima@voorbeeld.example"})
    check = walker.location
    client.get(check)
    commits = []

    def committed(_connection):
        commits.append(True)

    event.listen(db.engine, "commit", committed)
    try:
        for url in (step, check):
            counted = _counted(client, url)
            statements = " ".join(counted.statements)
            assert len(counted) <= 5, counted.report()
            assert "registry_" not in statements, counted.report()
        assert commits == []
    finally:
        event.remove(db.engine, "commit", committed)
