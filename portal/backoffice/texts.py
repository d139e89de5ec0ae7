"""Words for the case's audit trail as handlers read it; the trail stores action codes."""

from flask_babel import lazy_gettext as _l

EVENT_LABELS = {
    "created": _l("Zaak aangemaakt"),
    "assigned": _l("Toegewezen"),
    "status_changed": _l("Status gewijzigd"),
    "information_requested": _l("Informatie opgevraagd"),
    "message_sent": _l("Bericht gestuurd"),
    "message_received": _l("Bericht ontvangen"),
    "document_added": _l("Document toegevoegd"),
    "closed": _l("Zaak afgerond"),
    "deadline_extended": _l("Nieuwe datum gegeven"),
    "task_completed": _l("Taak gedaan door de inwoner"),
    "feedback_given": _l("Cijfer gegeven"),
    # Reports (portal.reports.handling)
    "report_started": _l("Melding in behandeling genomen"),
    "report_planned": _l("Werk ingepland"),
    "report_forwarded": _l("Melding doorgestuurd"),
    "report_closed": _l("Melding afgehandeld"),
    "report_category_changed": _l("Categorie gewijzigd"),
    "report_merged": _l("Samengevoegd met een andere melding"),
    "report_merged_in": _l("Een andere melding is hiermee samengevoegd"),
    "report_photo_approved": _l("Foto openbaar gemaakt"),
    "report_photo_withdrawn": _l("Foto niet meer openbaar"),
    # Proposed appointments (portal.appointments.proposals)
    "appointment_proposed": _l("Afspraak voorgesteld"),
    "proposal_accepted": _l("Voorstel aangenomen door de inwoner"),
    "proposal_other_time": _l("Ander moment gekozen door de inwoner"),
    "proposal_call_instead": _l("Inwoner wil liever gebeld worden"),
    "proposal_withdrawn": _l("Voorstel ingetrokken"),
    # The staff agenda (portal.appointments.office_actions)
    "appointment_arrived": _l("Inwoner was op de afspraak"),
    "appointment_no_show": _l("Inwoner kwam niet op de afspraak"),
    "appointment_moved": _l("Afspraak verplaatst door een medewerker"),
    "appointment_cancelled": _l("Afspraak geannuleerd door een medewerker"),
    # Passing a case on (portal.cases.handover)
    "reassigned": _l("Doorgestuurd naar een ander team"),
    "handed_over": _l("Overgedragen aan een partner"),
}


def answer_label(key: str) -> str:
    """A readable label for a stored answer key ("huis_nummer" -> "Huis nummer")."""
    return key.replace("_", " ").replace("-", " ").strip().capitalize()


def answer_value(value) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(answer_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{answer_label(k)}: {answer_value(v)}" for k, v in value.items())
    if isinstance(value, bool):
        return str(_l("Ja") if value else _l("Nee"))
    return "" if value is None else str(value)
