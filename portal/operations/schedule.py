"""Scheduled jobs that run once per period, however many workers run the same schedule.

    run_once_per_period(job_name, period_key, work) -> bool   True when this instance ran it
    period_key(period_seconds, at=None) -> str                "2026-12-03", "2026-12-03T10:00Z"
    worker_id() -> str                                        host:pid:random, per process

The instance whose insert of the `JobRun` row for (job, period) commits runs the work; the
insert is its own short transaction, committed before the work starts, so a second instance
sees the row (or fails on the unique key) and skips. The outcome, done or failed, is written
in another short transaction. Two cases may take an existing row over:

- a run still `running` after OPERATIONS_STALE_SECONDS (default 30 minutes): its worker died
  (SIGKILL, machine gone), so the period would otherwise be lost;
- a `failed` run after OPERATIONS_RETRY_SECONDS (default 10 minutes), so one database hiccup
  does not cost a daily or weekly job its whole period.

The take-over is one conditional UPDATE, so of two instances that find the same stale row
only one wins. A job that is still running after the stale limit may run twice; the limit is
far above the time any of our jobs takes.

Must be called inside an app context; `work` runs in that context and opens its own
transaction (portal.jobs.in_transaction).
"""

import logging
import os
import secrets
import socket
import traceback
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from portal.components.clock import AMSTERDAM, utc_now
from portal.extensions import db
from portal.operations.models import JobRun

log = logging.getLogger(__name__)

RUNNING, DONE, FAILED = "running", "done", "failed"
DEFAULT_STALE_SECONDS = 30 * 60
DEFAULT_RETRY_SECONDS = 10 * 60
KEEP_RUNS = timedelta(days=30)
DAY_SECONDS = 24 * 60 * 60
PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

_worker: tuple[int, str] | None = None


def worker_id() -> str:
    """host:pid:random, new in every process (also after a fork)."""
    global _worker
    if _worker is None or _worker[0] != os.getpid():
        name = f"{socket.gethostname()[:80]}:{os.getpid()}:{secrets.token_hex(4)}"
        _worker = (os.getpid(), name)
    return _worker[1]


def period_key(period_seconds: float, at: datetime | None = None) -> str:
    """The period `at` (naive UTC) falls in: a daily period is an Amsterdam date, where the
    municipality's day begins; shorter periods are counted in UTC, which has no hour that
    happens twice when the clocks go back."""
    at = at or utc_now()
    if period_seconds == DAY_SECONDS:
        return at.replace(tzinfo=UTC).astimezone(AMSTERDAM).date().isoformat()
    step = max(int(period_seconds), 1)
    epoch = int(at.replace(tzinfo=UTC).timestamp())
    start = datetime.fromtimestamp(epoch - epoch % step, UTC)
    pattern = "%Y-%m-%dT%H:%MZ" if step % 60 == 0 else "%Y-%m-%dT%H:%M:%SZ"
    return start.strftime(pattern)


def run_once_per_period(
    job_name: str, period: str, work: Callable[[], object], *, at: datetime | None = None
) -> bool:
    """Run `work` if no other instance has run it (or is running it) for this period.

    Returns False when skipped. An exception from `work` is recorded as a failed run and
    raised again, so the caller's logging sees it.
    """
    me = worker_id()
    if not _claim(job_name, period, me, at or utc_now()):
        log.debug("job %s %s: another instance has it", job_name, period)
        return False
    try:
        work()
    except Exception as error:
        _record(job_name, period, me, FAILED, _describe(error))
        raise
    _record(job_name, period, me, DONE, None)
    return True


def _claim(job_name: str, period: str, me: str, moment: datetime) -> bool:
    config = current_app.config
    stale = timedelta(seconds=config.get("OPERATIONS_STALE_SECONDS", DEFAULT_STALE_SECONDS))
    retry = timedelta(seconds=config.get("OPERATIONS_RETRY_SECONDS", DEFAULT_RETRY_SECONDS))
    this_run = (JobRun.job == job_name, JobRun.period == period)
    with Session(db.engine) as session:
        # Looking first keeps the common case (another worker ran it) free of failing
        # inserts, which PostgreSQL would write to its log as errors.
        exists = session.scalar(select(JobRun.id).where(*this_run))
        if exists is None:
            session.add(
                JobRun(job=job_name, period=period, worker=me, started_at=moment, outcome=RUNNING)
            )
            try:
                session.commit()
                return True
            except IntegrityError:
                session.rollback()  # another instance inserted it just now
        taken = session.execute(
            update(JobRun)
            .where(
                *this_run,
                or_(
                    and_(JobRun.outcome == RUNNING, JobRun.started_at < moment - stale),
                    and_(JobRun.outcome == FAILED, JobRun.finished_at < moment - retry),
                ),
            )
            .values(worker=me, started_at=moment, finished_at=None, outcome=RUNNING, error=None)
        )
        session.commit()
        if taken.rowcount == 1:
            log.warning("job %s %s: taken over from a crashed or failed run", job_name, period)
            return True
    return False


def _record(job_name: str, period: str, me: str, outcome: str, error: str | None) -> None:
    moment = utc_now()
    with Session(db.engine) as session:
        session.execute(
            update(JobRun)
            .where(JobRun.job == job_name, JobRun.period == period, JobRun.worker == me)
            .values(outcome=outcome, finished_at=moment, error=error)
        )
        # Jobs that run every minute write 1,440 rows a day: keep a month for the metrics.
        session.execute(
            delete(JobRun).where(JobRun.job == job_name, JobRun.started_at < moment - KEEP_RUNS)
        )
        session.commit()


def _describe(error: Exception) -> str:
    """The error's type and where it was raised, without its message: messages of database
    and mail errors can hold the personal data the job was working on."""
    frames = traceback.extract_tb(error.__traceback__)
    where = ""
    if frames:
        path = os.path.relpath(frames[-1].filename, PROJECT_ROOT)
        if path.startswith(".."):  # a library outside the project: its name is enough
            path = os.path.basename(path)
        where = f" at {path}:{frames[-1].lineno}"
    return f"{type(error).__name__}{where}"[:500]
