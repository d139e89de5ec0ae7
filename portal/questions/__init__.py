"""Questions area: "Stel uw vraag" (a question becomes a case routed to the right team, passed
on inside the organisation or handed over warmly to a partner) and call-back requests
(terugbelverzoeken) with the contact centre's time windows and a log of every attempt.
"""

from flask import Flask

from portal.questions.blueprints import office, resident


def init_app(app: Flask) -> None:
    from portal.questions import (  # noqa: F401 - the modules add their routes
        views_callback,
        views_callback_office,
        views_question,
        views_question_office,
    )

    app.register_blueprint(resident)
    app.register_blueprint(office)

    from portal.catalog.views import START_ENDPOINTS

    # The product page's Start button for "algemene-vraag" leads to "Stel uw vraag".
    START_ENDPOINTS["algemene-vraag"] = "questions.ask"

    # Call-backs: the Start button, the e-mails to requesters without an account (an outbox
    # audience) and the call-back's part of the Mijn zaken case page.
    from portal.cases.extensions import register_case_part
    from portal.questions import callback_links

    START_ENDPOINTS["terugbelverzoek"] = "questions.callback_request"
    callback_links.init_app(app)
    register_case_part("terugbelverzoek", views_callback.callback_part)
