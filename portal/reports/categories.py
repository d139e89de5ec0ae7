"""Report categories: the demo municipality's list, and reading it.

Categories are rows the webteam maintains (`ReportCategory`): names in Dutch and English, the
keywords the classifier weighs, the team a report goes to and the norm in working days. Loading
the demo list adds what is missing and never overwrites an edited row.

Callers get `Category` dataclasses in the current language, never ORM rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from portal.extensions import db
from portal.i18n import current_locale
from portal.reports.models import ReportCategory


@dataclass(frozen=True)
class Category:
    slug: str
    parent_slug: str | None
    name: str
    hint: str
    keywords: tuple[str, ...]
    team: str
    norm_working_days: int
    public: bool
    # The main category's name for a subcategory ("Straatverlichting"), else the name itself.
    group_name: str

    @property
    def main_slug(self) -> str:
        return self.parent_slug or self.slug


# slug, parent, nl, en, hint nl, hint en, keywords, team, norm, public
DEMO = [
    ("verlichting", None, "Straatverlichting", "Street lighting", "", "", [], "openbare-ruimte", 5, True),
    ("lantaarnpaal-kapot", "verlichting", "Lantaarnpaal brandt niet of knippert", "Street light is out or flickering",
     "De lamp is uit, knippert of brandt overdag.", "The light is out, flickers or is on during the day.",
     ["lantaarnpaal", "lantaarn", "lamp", "straatlamp", "straatverlichting", "licht", "brandt", "knippert", "donker", "verlichting", "paal"],
     "openbare-ruimte", 5, True),
    ("lantaarnpaal-schade", "verlichting", "Lantaarnpaal is beschadigd of scheef", "Street light is damaged or leaning",
     "De paal is aangereden, scheef of open.", "The post was hit, leans or is open.",
     ["lantaarnpaal", "paal", "scheef", "aangereden", "omgereden", "kapot", "open", "draden", "kabel"],
     "openbare-ruimte", 3, True),
    ("wegen", None, "Wegen, stoepen en fietspaden", "Roads, pavements and cycle paths", "", "", [], "openbare-ruimte", 10, True),
    ("gat-in-de-weg", "wegen", "Gat in de weg of het fietspad", "Pothole in the road or cycle path",
     "Een gat, een kuil of een scheur in het asfalt.", "A hole, a dip or a crack in the road.",
     ["gat", "kuil", "asfalt", "weg", "straat", "fietspad", "scheur", "verzakt", "hobbel", "wegdek"],
     "openbare-ruimte", 10, True),
    ("losse-stoeptegel", "wegen", "Losse of kapotte stoeptegel", "Loose or broken paving stone",
     "Een tegel ligt los, steekt uit of is kapot.", "A paving stone is loose, sticks out or is broken.",
     ["tegel", "stoeptegel", "stoep", "trottoir", "los", "losse", "uitsteken", "struikelen", "bestrating", "klinker"],
     "openbare-ruimte", 10, True),
    ("afval", None, "Afval", "Rubbish", "", "", [], "afval", 3, True),
    ("zwerfafval", "afval", "Zwerfafval op straat", "Litter in the street",
     "Losse rommel op straat, in het gras of in de bosjes.", "Loose rubbish in the street, on the grass or in bushes.",
     ["afval", "zwerfafval", "zwerfvuil", "rommel", "vuil", "troep", "blikjes", "plastic", "papier", "vies"],
     "afval", 5, True),
    ("afvalbak-vol", "afval", "Afvalbak of container is vol", "Bin or container is full",
     "Een prullenbak of container op straat zit vol of stroomt over.", "A street bin or container is full or overflowing.",
     ["afvalbak", "prullenbak", "vuilnisbak", "container", "vol", "overvol", "glasbak", "papierbak", "kliko"],
     "afval", 3, True),
    ("grofvuil-gedumpt", "afval", "Gedumpt afval of grofvuil", "Dumped rubbish or bulky waste",
     "Iemand heeft afval, meubels of vuilniszakken neergezet.", "Someone left rubbish, furniture or bin bags.",
     ["gedumpt", "dumping", "grofvuil", "bank", "matras", "meubels", "vuilniszakken", "zakken", "illegaal", "bijgeplaatst"],
     "afval", 3, True),
    ("groen", None, "Bomen, struiken en gras", "Trees, shrubs and grass", "", "", [], "openbare-ruimte", 10, True),
    ("boom", "groen", "Boom of tak is gevaarlijk of omgevallen", "Tree or branch is dangerous or fallen",
     "Een boom of een grote tak is omgevallen, hangt los of staat scheef.", "A tree or a large branch has fallen, hangs loose or leans.",
     ["boom", "tak", "takken", "omgevallen", "omgewaaid", "storm", "hangt", "afgebroken", "wortels"],
     "openbare-ruimte", 3, True),
    ("groen-onderhoud", "groen", "Gras, struiken of onkruid", "Grass, shrubs or weeds",
     "Het gras is te hoog, struiken groeien over de stoep of er is veel onkruid.", "The grass is too long, shrubs grow over the pavement or there are many weeds.",
     ["gras", "maaien", "struik", "struiken", "heg", "onkruid", "overhangend", "snoeien", "plantsoen", "berm"],
     "openbare-ruimte", 10, True),
    ("straatmeubilair", None, "Borden, banken en speeltoestellen", "Signs, benches and playgrounds", "", "", [], "openbare-ruimte", 10, True),
    ("verkeersbord", "straatmeubilair", "Verkeersbord is kapot of weg", "Road sign is broken or missing",
     "Een bord is omgevallen, gedraaid, onleesbaar of weg.", "A sign has fallen, turned, is unreadable or gone.",
     ["bord", "verkeersbord", "straatnaambord", "paal", "omgevallen", "gedraaid", "weg", "onleesbaar"],
     "openbare-ruimte", 5, True),
    ("speeltoestel", "straatmeubilair", "Speeltoestel of bank is kapot", "Play equipment or bench is broken",
     "Een schommel, glijbaan, bank of hek is kapot of onveilig.", "A swing, slide, bench or fence is broken or unsafe.",
     ["speeltoestel", "schommel", "glijbaan", "speeltuin", "wip", "bank", "bankje", "hek", "kapot", "onveilig", "zandbak"],
     "openbare-ruimte", 5, True),
    ("overlast", None, "Overlast", "Nuisance", "", "", [], "openbare-ruimte", 5, False),
    ("graffiti", "overlast", "Graffiti of bekladding", "Graffiti",
     "Graffiti, stickers of verf op iets van de gemeente.", "Graffiti, stickers or paint on something the municipality owns.",
     ["graffiti", "bekladding", "tag", "tags", "verf", "gespoten", "stickers", "kladderen"],
     "openbare-ruimte", 10, True),
    ("hondenpoep", "overlast", "Hondenpoep", "Dog mess",
     "Veel hondenpoep op een plek.", "A lot of dog mess in one place.",
     ["hond", "honden", "hondenpoep", "poep", "uitwerpselen", "stront"],
     "openbare-ruimte", 10, False),
    ("riolering", None, "Riool en water op straat", "Drains and water in the street", "", "", [], "openbare-ruimte", 5, True),
    ("put-verstopt", "riolering", "Put verstopt of water blijft staan", "Blocked drain or standing water",
     "Water loopt niet weg, een put is verstopt of stinkt.", "Water does not drain away, a drain is blocked or smells.",
     ["put", "kolk", "riool", "verstopt", "water", "plas", "wateroverlast", "stinkt", "afvoer", "blijft staan"],
     "openbare-ruimte", 5, True),
]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def load() -> bool:
    """Add the demo categories that are missing; never overwrite an edited one."""
    existing = set(db.session.scalars(select(ReportCategory.slug)))
    added = False
    for position, row in enumerate(DEMO):
        slug, parent, name_nl, name_en, hint_nl, hint_en, keywords, team, norm, public = row
        if slug in existing:
            continue
        db.session.add(
            ReportCategory(
                slug=slug,
                parent_slug=parent,
                name_nl=name_nl,
                name_en=name_en,
                hint_nl=hint_nl,
                hint_en=hint_en,
                keywords=keywords,
                team=team,
                norm_working_days=norm,
                position=position,
                active=True,
                public=public,
                updated_at=_now(),
            )
        )
        added = True
    db.session.flush()
    return added


def _rows() -> list[ReportCategory]:
    query = select(ReportCategory).where(ReportCategory.active.is_(True))
    return list(db.session.scalars(query.order_by(ReportCategory.position, ReportCategory.id)))


def _to_category(row: ReportCategory, names: dict[str, str], locale: str) -> Category:
    english = locale == "en"
    name = (row.name_en if english else row.name_nl) or row.name_nl
    hint = (row.hint_en if english else row.hint_nl) or row.hint_nl
    return Category(
        slug=row.slug,
        parent_slug=row.parent_slug,
        name=name,
        hint=hint,
        keywords=tuple(row.keywords or ()),
        team=row.team,
        norm_working_days=row.norm_working_days,
        public=row.public,
        group_name=names.get(row.parent_slug or row.slug, name),
    )


def all_categories(locale: str | None = None) -> list[Category]:
    """Every active category, main categories and subcategories, in the editors' order."""
    locale = locale or current_locale()
    rows = _rows()
    english = locale == "en"
    names = {row.slug: (row.name_en if english else row.name_nl) or row.name_nl for row in rows}
    return [_to_category(row, names, locale) for row in rows]


def subcategories(locale: str | None = None) -> list[Category]:
    """The categories a report can be filed under: subcategories only."""
    return [category for category in all_categories(locale) if category.parent_slug]


def main_categories(locale: str | None = None) -> list[Category]:
    return [category for category in all_categories(locale) if not category.parent_slug]


def get_category(slug: str, locale: str | None = None) -> Category | None:
    """An active subcategory by slug; None for a main category or an unknown slug."""
    for category in subcategories(locale):
        if category.slug == slug:
            return category
    return None
