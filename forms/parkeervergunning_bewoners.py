"""Parkeervergunning bewoners: address from the BRP, licence plate checked, a question about
the owner of the car only when it is not the applicant's own car."""

from flask_babel import lazy_gettext as _l

from portal.requests.blocks import person_address, person_name
from portal.requests.checks import date_from_today, format_kenteken, kenteken, max_length
from portal.requests.definition import Choice, Field, FormDefinition, Step, when

FORM = FormDefinition(
    product="parkeervergunning-bewoners",
    steps=(
        Step(
            "adres",
            _l("Uw adres"),
            intro=_l(
                "De vergunning geldt in de wijk waar u woont. Dit adres komt uit de BRP. Dat is "
                "de lijst van alle inwoners van Nederland."
            ),
            facts=(
                person_name(),
                person_address(),
            ),
        ),
        Step(
            "auto",
            _l("Uw auto"),
            fields=(
                Field(
                    "kenteken",
                    "text",
                    _l("Kenteken"),
                    hint=_l("Bijvoorbeeld AB-123-C. Met of zonder streepjes."),
                    required=_l("Vul het kenteken van uw auto in."),
                    checks=(kenteken(),),
                    tidy=format_kenteken,
                    width=10,
                    autocomplete="off",
                ),
                Field(
                    "eigenaar",
                    "radio",
                    _l("Van wie is de auto?"),
                    required=_l("Kies van wie de auto is."),
                    choices=(
                        Choice("eigen", _l("Van mij")),
                        Choice("lease", _l("Van een leasebedrijf of van mijn werkgever")),
                    ),
                ),
                Field(
                    "ingangsdatum",
                    "date",
                    _l("Vanaf wanneer heeft u de vergunning nodig?"),
                    hint=_l("Vul dag, maand en jaar in. Kies een datum in de komende 3 maanden."),
                    required=_l("Vul in vanaf wanneer u de vergunning nodig heeft."),
                    checks=(date_from_today(within_days=92),),
                ),
            ),
        ),
        Step(
            "lease",
            _l("Auto van een leasebedrijf of werkgever"),
            show_if=when("eigenaar", "lease"),
            fields=(
                Field(
                    "leasebedrijf",
                    "text",
                    _l("Naam van het leasebedrijf of uw werkgever"),
                    required=_l("Vul de naam van het leasebedrijf of uw werkgever in."),
                    checks=(max_length(100),),
                    autocomplete="organization",
                    width=30,
                ),
                Field(
                    "verklaring_gebruik",
                    "file",
                    _l("Verklaring dat u de auto mag gebruiken"),
                    hint=_l("Een PDF, JPG of PNG van maximaal 10 MB. Een foto mag ook."),
                    required=_l("Voeg de verklaring toe dat u de auto mag gebruiken."),
                ),
            ),
        ),
    ),
    declaration=_l("Ik woon op dit adres en ik gebruik deze auto zelf."),
    next_steps=(
        _l("Wij controleren uw adres en uw kenteken."),
        _l("Klopt alles? Dan krijgt u binnen 5 werkdagen de vergunning."),
    ),
)
