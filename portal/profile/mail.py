"""The e-mail that confirms a new address goes through the notifications outbox, in the same
transaction as the change: it is only sent when the change is committed."""

from flask import current_app

from portal.notifications.outbox import EMAIL_CONFIRMATION, enqueue


def send_confirmation(party, email: str, link: str) -> None:
    hours = current_app.config["EMAIL_CONFIRMATION_HOURS"]
    enqueue(
        EMAIL_CONFIRMATION,
        case=None,
        party=party,
        payload={"email": email, "link": link, "hours": hours},
    )
