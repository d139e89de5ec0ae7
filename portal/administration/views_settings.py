"""Settings: retention periods, targets and the second pair of eyes. One form for all
settings in `portal.administration.settings.SPECS`; a wrong value stops the whole save."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.administration import settings
from portal.administration.blueprints import bp
from portal.administration.changes import record_change
from portal.administration.forms import ConfirmForm
from portal.administration.forms_base import CONTROL
from portal.administration.staff import by
from portal.auth import current_principal
from portal.auth.access import staff_required
from portal.extensions import db

# Groups on the page, in order: a key's group is the part before the first "_".
GROUPS = {"retention": "retention", "target": "targets", "editor": "editor"}


def _typed(current: dict) -> dict[str, str]:
    """What each field shows: the stored value, or what was typed on a failed save."""
    if request.method == "POST":
        return {spec.key: request.form.get(spec.key, "")[:40] for spec in settings.SPECS}
    return {
        spec.key: ("y" if current[spec.key] else "")
        if spec.type == "bool"
        else settings.shown(spec, current[spec.key])
        for spec in settings.SPECS
    }


def _parse_all() -> tuple[dict, dict[str, str]]:
    values, errors = {}, {}
    for spec in settings.SPECS:
        raw = request.form.get(spec.key)
        if raw is not None and (len(raw) > 40 or CONTROL.search(raw)):
            errors[spec.key] = _("Vul een getal in")
            continue
        try:
            values[spec.key] = settings.parse(spec, raw)
        except settings.SettingError as error:
            errors[spec.key] = str(error.message)
    return values, errors


@bp.route("/instellingen", methods=["GET", "POST"])
@staff_required(role="admin")
def settings_page():
    form = ConfirmForm()
    current = settings.all_values()
    errors: dict[str, str] = {}
    if request.method == "POST" and form.validate_on_submit():
        values, errors = _parse_all()
        if not errors:
            principal = current_principal()
            changed = 0
            for key, value in values.items():
                if value != current[key]:
                    settings.put(key, value, by(principal))
                    record_change(principal, "setting_changed", key, current[key], value)
                    changed += 1
            db.session.commit()
            if changed:
                flash(_("De instellingen zijn opgeslagen."), "ok")
            else:
                flash(_("Er was niets veranderd."), "info")
            return redirect(url_for("administration.settings_page"))
    db.session.rollback()
    page = render_template(
        "administration/settings.html",
        form=form,
        specs=settings.SPECS,
        typed=_typed(current),
        errors=errors,
        groups=GROUPS,
    )
    return page, 422 if errors or form.errors else 200
