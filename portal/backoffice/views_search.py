"""Searching cases by BSN or case number, under /medewerkers/zaken/zoeken.

The search is posted and its results are shown in the answer to that post: no redirect, so
the BSN is never in a URL, a Location header or an access-log line, and never in the session.
"""

from flask import abort, render_template, request

from portal.auth import current_principal
from portal.backoffice import bsn_search, forms
from portal.backoffice import services as office
from portal.backoffice.views import _labels, bp, handlers_only
from portal.extensions import db
from portal.ratelimits import limited


@bp.route("/zoeken", methods=["GET", "POST"])
@limited("search")
@handlers_only
def search():
    principal = current_principal()
    if not office.teams_for(principal):
        abort(403)
    form = forms.CaseSearchForm()
    results = None
    if request.method == "POST" and form.validate_on_submit():
        try:
            term = bsn_search.parse(form.query.data)
        except bsn_search.SearchError as error:
            form.query.errors.append(str(error))
        else:
            results = bsn_search.find_cases(principal, term)
            db.session.commit()
    page = render_template("backoffice/search.html", form=form, results=results, **_labels())
    response = page, 422 if form.errors else 200
    return response
