"""Plain-language checks in the editor (role editor):

- POST /medewerkers/redactie/<kind>/controle: the checks of the edit form as it is typed.
  The edit page posts its fields here with htmx and swaps in the panel; without
  JavaScript the same post shows the panel on a page of its own.
- GET /medewerkers/redactie/aandacht: "Teksten die aandacht nodig hebben", the checks over
  all published content, with a filter per kind and per check.
- /medewerkers/redactie/woordenlijst: the officialese list (add, change, delete; audited).
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.routing import BuildError

from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.editor import jargon_store, kinds
from portal.editor.attention import attention as attention_over_all
from portal.editor.blueprints import bp
from portal.editor.checks import check_item, check_labels
from portal.editor.forms import data_from_form
from portal.editor.jargon_forms import AttentionFilterForm, DeleteForm, JargonForm
from portal.extensions import db, htmx

editors_only = staff_required(role="editor")
PER_PAGE = 25
# Row ids are 32-bit integers; a larger number in the address is simply not there.
MAX_ID = 2**31 - 1


def edit_url(kind: str, key: str) -> str:
    """The item's edit page. '#' while the editor core has no edit page (yet)."""
    try:
        return url_for("editor.edit", kind_name=kind, key=key)
    except BuildError:
        return "#"


@bp.post("/<kind>/controle")
@editors_only
def checks_live(kind: str):
    content_kind = kinds.get(kind)
    if content_kind is None:
        abort(404)
    report = check_item(content_kind, data_from_form(content_kind, request.form))
    if htmx:
        return render_template("editor/checks/_panel.html", report=report, announce=True)
    return render_template("editor/checks/live.html", report=report, kind=content_kind)


@bp.get("/aandacht")
@editors_only
def attention():
    form = AttentionFilterForm(request.args)
    form.soort.choices = [("", _("Alle soorten"))] + [
        (k.name, str(k.label)) for k in kinds.ordered()
    ]
    labels = check_labels()
    form.controle.choices = [("", _("Alle controles")), *labels.items()]
    kind_name, code = form.chosen("soort"), form.chosen("controle")
    result = attention_over_all(kind_name, code)
    pages = max(1, -(-len(result.items) // PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    shown = result.items[(page - 1) * PER_PAGE : page * PER_PAGE]
    return render_template(
        "editor/checks/attention.html",
        filter_form=form,
        result=result,
        rows=[(item, edit_url(item.kind.name, item.key)) for item in shown],
        code=code,
        check_label=labels.get(code, ""),
        check_labels=labels,
        page_number=page,
        pages=pages,
        filter_args={k: v for k, v in (("soort", kind_name), ("controle", code)) if v},
    )


@bp.route("/woordenlijst", methods=["GET", "POST"])
@editors_only
def jargon():
    principal = current_principal()
    if request.method == "GET" and jargon_store.ensure_seeded():
        db.session.commit()
    form = JargonForm()
    if form.validate_on_submit():
        try:
            row = jargon_store.add(form.word.data, form.plain.data, principal)
        except jargon_store.JargonError as error:
            form[error.field].errors = [str(error)]
        else:
            db.session.commit()
            flash(_("„%(word)s” staat nu in de woordenlijst.", word=row.word), "ok")
            return redirect(url_for("editor.jargon"))
    status = 422 if form.errors else 200
    words = jargon_store.rows()
    return render_template("editor/checks/jargon.html", form=form, words=words), status


def _word_or_404(word_id: int):
    row = jargon_store.get(word_id) if word_id <= MAX_ID else None
    if row is None:
        abort(404)
    return row


@bp.route("/woordenlijst/<int:word_id>", methods=["GET", "POST"])
@editors_only
def jargon_change(word_id: int):
    row = _word_or_404(word_id)
    form = JargonForm(data={"word": row.word, "plain": row.plain})
    if form.validate_on_submit():
        try:
            jargon_store.change(row, form.word.data, form.plain.data, current_principal())
        except jargon_store.JargonError as error:
            form[error.field].errors = [str(error)]
        else:
            db.session.commit()
            flash(_("„%(word)s” is gewijzigd.", word=row.word), "ok")
            return redirect(url_for("editor.jargon"))
    status = 422 if form.errors else 200
    return render_template(
        "editor/checks/jargon_change.html", form=form, row=row, delete_form=DeleteForm()
    ), status


@bp.post("/woordenlijst/<int:word_id>/verwijderen")
@editors_only
def jargon_delete(word_id: int):
    row = _word_or_404(word_id)
    if not DeleteForm().validate_on_submit():
        abort(400)
    word = row.word
    jargon_store.delete(row, current_principal())
    db.session.commit()
    flash(_("„%(word)s” staat niet meer in de woordenlijst.", word=word), "ok")
    return redirect(url_for("editor.jargon"))
