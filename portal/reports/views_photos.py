"""The photos step of making a report (/melding/fotos) and the photo files themselves.

Photos are optional: up to MAX_PHOTOS, added one at a time with a plain form that works
without JavaScript ("Foto toevoegen"), each shown as a thumbnail with its own small form to
remove it. When the resident has not given a place and a photo carries a GPS position, the
page asks whether that is the place (see `photo_place`).

A body larger than MAX_CONTENT_LENGTH never reaches the view: Werkzeug refuses it while the
form is read (in the CSRF check). `too_large` turns that refusal into this page with the
message next to the field, instead of a bare 413 page.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.exceptions import RequestEntityTooLarge

from portal.auth import current_principal
from portal.cases import files
from portal.extensions import db
from portal.ratelimits import limited
from portal.reports import drafts, flow, photo_place, photos
from portal.reports.blueprints import resident
from portal.reports.models import ReportDraft, ReportPhoto
from portal.reports.photo_access import may_view
from portal.reports.texts import MAX_PHOTOS

PRIVATE = "private, no-store"
PUBLIC = "public, max-age=600"
# A refused upload is read to its end before the answer, or the browser sees a reset
# connection instead of the message; beyond this size the connection is simply closed.
DRAIN_LIMIT = 128 * 1024 * 1024


class PhotoForm(FlaskForm):
    foto = FileField(
        _l("Foto"),
        description=_l(
            "Een foto van het type JPG of PNG, van maximaal %(mb)s MB.", mb=photos.MAX_MB
        ),
    )


def _draft_or_redirect() -> tuple[ReportDraft | None, object]:
    """This session's draft, or where to go when the steps before this one are not done."""
    draft = drafts.current_draft()
    blocked = "wat" if draft is None else flow.blocked_by(draft, "fotos")
    return draft, (redirect(flow.url_for_step(blocked)) if blocked else None)


def _entries(draft: ReportDraft) -> list[dict]:
    return [dict(entry) for entry in (draft.data or {}).get("photos") or []]


def _alt(number: int, entry: dict) -> str:
    if entry.get("name"):
        return _("Foto %(n)s: %(name)s", n=number, name=entry["name"])
    return _("Foto %(n)s", n=number)


def _render(draft: ReportDraft, form: PhotoForm, status: int = 200):
    places = photo_place.photo_places(draft)
    number, total = flow.step_number("fotos")
    shown = [
        {"token": entry["token"], "alt": _alt(n, entry), "src": photos.photo_url(entry, True)}
        for n, entry in enumerate(_entries(draft), start=1)
    ]
    return (
        render_template(
            "reports/photos.html",
            form=form,
            photos=shown,
            offer=next((place for place in places if not place.outside), None),
            outside=[place for place in places if place.outside],
            can_add=len(shown) < MAX_PHOTOS or bool(form.foto.errors),
            max_photos=MAX_PHOTOS,
            number=number,
            total=total,
            back_url=flow.url_for_step("plek"),
        ),
        status,
    )


def _take_photos(draft: ReportDraft, form: PhotoForm, *, required: bool) -> list[dict]:
    """Add the chosen photos to the draft; what is wrong goes to the field's errors."""
    errors = list(form.foto.errors)
    chosen = [storage for storage in request.files.getlist("foto") if storage.filename]
    if not chosen and required:
        errors.append(_("Kies eerst een foto. Klik daarna op ‘Foto toevoegen’."))
    entries, added = _entries(draft), []
    for storage in chosen:
        if len(entries) >= MAX_PHOTOS:
            errors.append(
                _(
                    "U heeft al %(n)s foto's toegevoegd. Daarom kunnen wij %(name)s niet "
                    "toevoegen. Verwijder eerst een foto.",
                    n=MAX_PHOTOS,
                    name=photos.display_name(storage.filename) or _("deze foto"),
                )
            )
            break
        try:
            entry = photos.accept(storage.stream.read(photos.MAX_BYTES + 1), storage.filename)
        except photos.PhotoRefused as refused:
            errors.append(str(refused))
            continue
        entries.append(entry)
        added.append(entry)
    form.foto.errors = errors
    if added:
        drafts.update(draft, photos=entries)
    return added


# The endpoint is "reports.photos", as `flow.STEPS` names it.
@resident.route("/melding/fotos", methods=["GET", "POST"], endpoint="photos")
@limited("upload")
def photos_step():
    draft, elsewhere = _draft_or_redirect()
    if elsewhere is not None:
        return elsewhere
    form = PhotoForm()
    if request.method == "GET":
        return _render(draft, form)
    if "plek" in request.form:
        return _answer_place(draft, request.form.get("foto_token", ""), request.form["plek"])
    going_on = request.form.get("actie") == "doorgaan"
    added = _take_photos(draft, form, required=not going_on)
    if form.foto.errors:
        db.session.commit()  # photos that were fine are kept
        return _render(draft, form, 422)
    offer = photo_place.offer(draft)
    if going_on and not (offer and offer.token in {entry["token"] for entry in added}):
        drafts.update(draft, photos_done=True)
        db.session.commit()
        return redirect(flow.next_url(draft), code=303)
    db.session.commit()
    return redirect(url_for("reports.photos") + ("#plek" if offer else ""), code=303)


def _answer_place(draft: ReportDraft, token: str, answer: str):
    """ "Is dat de plek?" — ja: the photo's place becomes the report's; nee: not asked again."""
    place = next((p for p in photo_place.photo_places(draft) if p.token == token), None)
    if place is None or answer not in ("ja", "nee") or place.outside:
        return redirect(url_for("reports.photos"), code=303)
    if answer == "nee":
        entries = _entries(draft)
        for entry in entries:
            if entry["token"] == token:
                entry["place_declined"] = True
        drafts.update(draft, photos=entries)
        db.session.commit()
        return redirect(url_for("reports.photos"), code=303)
    drafts.update(draft, location=photo_place.as_location(place))
    db.session.commit()
    return redirect(flow.next_url(draft), code=303)


@resident.post("/melding/fotos/<token>/verwijderen")
def remove_photo(token: str):
    draft = drafts.current_draft()
    entries = _entries(draft) if draft is not None else []
    entry = next((item for item in entries if item.get("token") == token), None)
    if entry is None:
        abort(404)
    drafts.update(draft, photos=[item for item in entries if item is not entry])
    db.session.commit()
    photos.remove_entry(entry)  # after the commit: a failed commit keeps the files
    return redirect(url_for("reports.photos"), code=303)


@resident.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge):
    if request.endpoint != "reports.photos":
        return render_template("errors/413.html"), 413
    _drain_body()
    draft, elsewhere = _draft_or_redirect()
    if elsewhere is not None:
        return elsewhere
    form = PhotoForm(formdata=None)  # the body was refused: there is no form data to read
    form.foto.errors = [photos.too_large_message()]
    return _render(draft, form, 413)


def _drain_body() -> None:
    length = request.content_length or 0
    stream = request.environ.get("wsgi.input")
    if stream is None or length > DRAIN_LIMIT:
        return
    while length > 0:
        chunk = stream.read(min(length, 64 * 1024))
        if not chunk:
            return
        length -= len(chunk)


def _send(path: str, content_type: str, cache: str):
    try:
        handle = files.open_stored(path)
    except FileNotFoundError:
        abort(404)
    response = send_file(handle, mimetype=content_type)
    response.headers["Cache-Control"] = cache
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@resident.get("/melding/fotos/<token>/<any(groot, klein):size>")
def draft_photo(token: str, size: str):
    """A photo of this session's draft; for everyone else it does not exist."""
    draft = drafts.current_draft()
    entries = _entries(draft) if draft is not None else []
    entry = next((item for item in entries if item.get("token") == token), None)
    if entry is None:
        abort(404)
    if size == "klein":
        return _send(entry["thumbnail_path"], "image/jpeg", PRIVATE)
    return _send(entry["path"], entry["content_type"], PRIVATE)


@resident.get("/meldingen/foto/<int(max=2147483647):photo_id>/<any(groot, klein):size>")
def report_photo(photo_id: int, size: str):
    """A report's photo, for who may see it (`photo_access.may_view`); else 404."""
    photo = db.session.get(ReportPhoto, photo_id)
    if photo is None or not may_view(photo, current_principal()):
        abort(404)
    cache = PUBLIC if photo.public_approved else PRIVATE
    if size == "klein":
        return _send(photo.thumbnail_path, "image/jpeg", cache)
    return _send(photo.path, photo.content_type, cache)
