"""What residents and handlers read about reports: statuses, "wat gebeurt er nu", and the
organisations to tell when a place is not ours.

Reports store status codes; the words live here so they are translated. Codes are Dutch:
gemeld (reported), in_behandeling, ingepland (planned, with a date), doorgestuurd (forwarded
to another organisation), afgehandeld (done, with what was done).
"""

from flask_babel import lazy_gettext as _l

REPORTED = "gemeld"
IN_PROGRESS = "in_behandeling"
PLANNED = "ingepland"
FORWARDED = "doorgestuurd"
DONE = "afgehandeld"

STATUS_ORDER = [REPORTED, IN_PROGRESS, PLANNED, FORWARDED, DONE]
OPEN_STATUSES = frozenset({REPORTED, IN_PROGRESS, PLANNED})
CLOSED_STATUSES = frozenset({FORWARDED, DONE})

STATUS_LABELS = {
    REPORTED: _l("Gemeld"),
    IN_PROGRESS: _l("In behandeling"),
    PLANNED: _l("Ingepland"),
    FORWARDED: _l("Doorgestuurd"),
    DONE: _l("Afgehandeld"),
}

WHAT_HAPPENS_NEXT = {
    REPORTED: _l("Wij hebben uw melding ontvangen. Een medewerker bekijkt hem snel."),
    IN_PROGRESS: _l("Een medewerker werkt aan uw melding."),
    PLANNED: _l("Wij hebben het werk ingepland. Dan lossen wij het op."),
    FORWARDED: _l("Een andere organisatie lost dit op. Wij hebben uw melding doorgestuurd."),
    DONE: _l("Wij hebben uw melding afgehandeld. Hieronder leest u wat wij hebben gedaan."),
}

# The product in the catalogue that every report case belongs to.
PRODUCT_SLUG = "melding-openbare-ruimte"

DESCRIPTION_MAX = 1000
MAX_PHOTOS = 3
# Open reports of the same main category this close and this recent are offered as duplicates.
DUPLICATE_RADIUS_M = 50
DUPLICATE_DAYS = 30
# After closing, the reporter may say "het is niet opgelost" this many days.
REOPEN_DAYS = 14
