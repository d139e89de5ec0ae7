"""The webteam's workspace (role editor, "redacteur"): every text residents read, with
drafts, versions, preview, publishing (also at a set time), a second pair of eyes when the
municipality turns it on, and plain-language checks while writing.

Content kinds (products, life events, FAQ, notices, status texts, e-mail texts, report
categories) plug in through `editor.kinds`; the live content stays in its own area.
"""

from flask import Flask
from flask_babel import lazy_gettext as _l

from portal.auth.staff_areas import register_area


def init_app(app: Flask) -> None:
    from portal.editor import (  # noqa: F401 - the modules add their routes
        jobs,
        kinds,
        views,
        views_checks,
        views_item,
        views_publish,
    )
    from portal.editor.blueprints import bp

    kinds.register_all()
    jobs.init_app(app)  # editor-publish-due
    app.register_blueprint(bp)
    register_area("editor", "editor.home", _l("Redactie"), 20)
