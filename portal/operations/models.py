"""Tables that let several web processes and workers share one database safely.

`JobRun`: one row per job and period. The scheduler that inserts the row runs the job; a
second scheduler's insert fails on the unique key, so a daily job runs once a day however
many workers there are. `WorkerHeartbeat`: each worker writes its last sign of life, so
`/readyz` can tell whether background work is being done.
"""

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.extensions import db


class JobRun(db.Model):
    __tablename__ = "operations_job_run"
    __table_args__ = (UniqueConstraint("job", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job: Mapped[str] = mapped_column(String(80))
    # The period the run is for, e.g. "2026-12-03" for a daily job or "2026-12-03T10:15" for
    # one every five minutes; the scheduler decides the key.
    period: Mapped[str] = mapped_column(String(40))
    worker: Mapped[str] = mapped_column(String(120))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    # "running", "done" or "failed"; a failed run is counted in the metrics.
    outcome: Mapped[str] = mapped_column(String(20), default="running")
    error: Mapped[str | None] = mapped_column(String(500))


class WorkerHeartbeat(db.Model):
    __tablename__ = "operations_worker_heartbeat"

    # host:pid:random, unique per worker process.
    worker: Mapped[str] = mapped_column(String(120), primary_key=True)
    started_at: Mapped[datetime]
    beat_at: Mapped[datetime] = mapped_column(index=True)
