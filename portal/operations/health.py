"""Readiness: can this instance do its work? The database must answer and a worker must have
given a sign of life recently, or the outbox and the reminders silently stop.

`make run` (and any app started with `BACKGROUND_IN_PROCESS`) runs the jobs as threads in the
web process itself; then there is no separate worker to wait for, and the check says
"in-process" instead.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from portal.components.clock import utc_now
from portal.extensions import db
from portal.operations.models import WorkerHeartbeat


@dataclass
class Readiness:
    database: str = "ok"
    worker: str = "ok"
    # Seconds since the newest heartbeat; None when there is none or it was not looked at.
    worker_last_beat_seconds: int | None = None
    failed: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.failed

    def as_dict(self) -> dict:
        answer = {
            "status": "ok" if self.ready else "error",
            "database": self.database,
            "worker": self.worker,
        }
        if self.worker_last_beat_seconds is not None:
            answer["worker_last_beat_seconds"] = self.worker_last_beat_seconds
        if self.failed:
            answer["failed"] = self.failed
        return answer


def newest_heartbeat() -> datetime | None:
    return db.session.scalar(select(func.max(WorkerHeartbeat.beat_at)))


def check_readiness(*, heartbeat_seconds: int, jobs_in_process: bool) -> Readiness:
    result = Readiness()
    try:
        db.session.execute(text("SELECT 1"))
        last_beat = newest_heartbeat()
    except SQLAlchemyError:
        db.session.rollback()
        result.database, result.worker = "unavailable", "not checked"
        result.failed.append("database")
        return result

    if last_beat is not None:
        result.worker_last_beat_seconds = max(0, int((utc_now() - last_beat).total_seconds()))
    if jobs_in_process:
        result.worker = "in-process"
    elif last_beat is None:
        result.worker = "missing"
        result.failed.append("worker")
    elif result.worker_last_beat_seconds > heartbeat_seconds:
        result.worker = "stale"
        result.failed.append("worker")
    return result
