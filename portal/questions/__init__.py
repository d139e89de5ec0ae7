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
