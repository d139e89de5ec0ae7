"""Tables of the reports area (meldingen openbare ruimte).

A report (melding) is a case (`portal.cases`) with what only a report has: the category, the
place (WGS84 latitude/longitude; RD is computed when needed), photos and the people who follow
it. Categories are data the webteam maintains (names, keywords for the classifier, the team
that handles them and the norm in working days), not code.

Dutch domain words in names: melding (report), volger (follower) are kept in English here;
status codes are Dutch (gemeld, in_behandeling, ingepland, doorgestuurd, afgehandeld).
"""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.components.limits import STORED_TEXT, length_check
from portal.extensions import db


class ReportCategory(db.Model):
    """A main category (parent_slug None) or a subcategory of one."""

    __tablename__ = "reports_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    parent_slug: Mapped[str | None] = mapped_column(String(60), index=True)
    name_nl: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    # One short line that helps a resident choose ("Een lamp die niet brandt of knippert").
    hint_nl: Mapped[str] = mapped_column(String(300), default="")
    hint_en: Mapped[str] = mapped_column(String(300), default="")
    # Words residents use for it, lower case; the classifier weighs them.
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    team: Mapped[str] = mapped_column(String(100))
    norm_working_days: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Shown on the public overview; off for categories about people (e.g. nuisance).
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime]


class Report(db.Model):
    __tablename__ = "reports_report"
    __table_args__ = (
        # The duplicate lookup: open reports of one main category in a bounding box.
        Index("ix_reports_report_nearby", "is_open", "main_category", "latitude", "longitude"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases_case.id"), unique=True)
    main_category: Mapped[str] = mapped_column(String(60))
    category_slug: Mapped[str] = mapped_column(String(60), index=True)
    description: Mapped[str] = mapped_column(Text, length_check("description", STORED_TEXT))
    # Answers to the category's extra questions, by field name.
    answers: Mapped[dict] = mapped_column(JSON, default=dict)

    latitude: Mapped[float] = mapped_column(Float)
    longitude: Mapped[float] = mapped_column(Float)
    # "Dorpsstraat 12" or a description of the spot; the public overview shows `street` only.
    address_text: Mapped[str] = mapped_column(String(200), default="")
    street: Mapped[str] = mapped_column(String(100), default="")
    area: Mapped[str] = mapped_column(String(100), default="", index=True)
    # address | map | gps | photo | profile | open311
    location_source: Mapped[str] = mapped_column(String(20), default="address")

    status: Mapped[str] = mapped_column(String(20), index=True)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    planned_for: Mapped[date | None]
    forwarded_to: Mapped[str | None] = mapped_column(String(200))
    result_text: Mapped[str | None] = mapped_column(Text, length_check("result_text", STORED_TEXT))
    reopened_count: Mapped[int] = mapped_column(default=0)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("reports_report.id"))
    # portal | open311
    source: Mapped[str] = mapped_column(String(20), default="portal")

    created_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]

    photos: Mapped[list["ReportPhoto"]] = relationship(
        back_populates="report", order_by="ReportPhoto.id", cascade="all, delete-orphan"
    )
    followers: Mapped[list["ReportFollower"]] = relationship(
        back_populates="report", order_by="ReportFollower.id", cascade="all, delete-orphan"
    )
    history: Mapped[list["ReportStatus"]] = relationship(
        back_populates="report", order_by="ReportStatus.id", cascade="all, delete-orphan"
    )


class ReportStatus(db.Model):
    """One step in the report's own timeline (gemeld, ingepland on a date, doorgestuurd to
    someone, afgehandeld with what was done), with the note the reporter and followers read.
    The case keeps its own, coarser history for Mijn zaken."""

    __tablename__ = "reports_status"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports_report.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text, length_check("note", STORED_TEXT))
    planned_for: Mapped[date | None]
    forwarded_to: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]

    report: Mapped["Report"] = relationship(back_populates="history")


class ReportPhoto(db.Model):
    """A photo of a report: from the reporter, or of the result from the handler. Files live in
    the case file store (EXIF removed); the public overview shows only approved ones."""

    __tablename__ = "reports_photo"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports_report.id"), index=True)
    path: Mapped[str] = mapped_column(String(500))
    thumbnail_path: Mapped[str] = mapped_column(String(500))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    is_result: Mapped[bool] = mapped_column(Boolean, default=False)
    public_approved: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]

    report: Mapped[Report] = relationship(back_populates="photos")


class ReportFollower(db.Model):
    """Someone who gets the updates of a report: the reporter, or a resident who found it as a
    duplicate and chose to follow it. `key` is public (in the follow link, with a MAC);
    the e-mail address is where updates go (None: follows in Mijn zaken only)."""

    __tablename__ = "reports_follower"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports_report.id"), index=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    # reporter | follower
    role: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    party_pseudonym: Mapped[str | None] = mapped_column(String(100), index=True)
    # The language of the page where they started following: their e-mails are in it.
    language: Mapped[str | None] = mapped_column(String(5))
    created_at: Mapped[datetime]
    stopped_at: Mapped[datetime | None]

    report: Mapped[Report] = relationship(back_populates="followers")


class ReportReopen(db.Model):
    """ "Het is niet opgelost": a reporter's reason for reopening, and the optional mark."""

    __tablename__ = "reports_reopen"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports_report.id"), index=True)
    follower_id: Mapped[int | None] = mapped_column(ForeignKey("reports_follower.id"))
    reason: Mapped[str] = mapped_column(Text, length_check("reason", STORED_TEXT))
    created_at: Mapped[datetime]


class ReportDraft(db.Model):
    """A report being written, before it is sent. The browser keeps only the random token (in
    the signed session cookie), so an anonymous reporter's text survives every step and a
    JavaScript-free round trip. Drafts expire after a day; the clean-up removes their photos."""

    __tablename__ = "reports_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # description, category, answers, location {...}, contact {...}, photos [...]
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    # Who started it when signed in (pseudonym of the subject), else None.
    party_pseudonym: Mapped[str | None] = mapped_column(String(100))
    started_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    submitted_at: Mapped[datetime | None]
    case_number: Mapped[str | None] = mapped_column(String(20))
