"""Plain-language and accessibility checks of an item's texts while the webteam writes.

`check_item(kind, data)` reads every text of a content kind's version data and returns a
Report: findings per form field ("nl-summary", "en-body") with a B1 message that names the
better alternative, and the Flesch-Douma score of each Dutch text. The checks show what to
improve; only an image without a description blocks publishing (`Report.blocking`).

Language checks (score, long sentences, passive voice, "hebt u", officialese) read the
Dutch texts; structure checks (headings, link texts, images) read both languages.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from portal.components.markdown import plain_text
from portal.editor import readability, structure
from portal.editor.jargon import Entry
from portal.editor.jargon import find as find_jargon
from portal.editor.kinds.base import SOURCE_LOCALE, ContentKind, TextEntry

# Longer texts are checked up to here, so a pasted book cannot stall the page.
CHECKED_CHARACTERS = 20_000
# Per field and check: more of the same says nothing new.
MAX_PER_CHECK = 10
LOCALE_NAMES = {"nl": "Nederlands", "en": "Engels"}

CODES = (
    "image_alt",
    "reading_score",
    "long_sentence",
    "passive",
    "hebt_u",
    "jargon",
    "heading_start",
    "heading_skip",
    "link_empty",
    "link_vague",
    "link_bare",
    "english_missing",
)


@dataclass(frozen=True)
class Finding:
    code: str
    field: str  # the form field: "<locale>-<name>"
    message: str
    excerpt: str = ""
    blocking: bool = False


@dataclass(frozen=True)
class FieldFindings:
    field: str
    label: str
    findings: list[Finding]

    @property
    def blocking(self) -> bool:
        return any(f.blocking for f in self.findings)


@dataclass
class Report:
    findings: list[Finding]
    # Flesch-Douma per Dutch text field long enough to score ("nl-body": 64.2).
    scores: dict[str, float]
    # Form field → "Inleiding (Nederlands)", for the panel and the report.
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return any(f.blocking for f in self.findings)

    @property
    def worst_score(self) -> float | None:
        return min(self.scores.values()) if self.scores else None

    def codes(self) -> set[str]:
        return {f.code for f in self.findings}

    def by_field(self) -> list[FieldFindings]:
        """Findings grouped per field: fields with a blocking finding first, and within a
        field the blocking findings first; otherwise in the order of the form."""
        order = list(self.labels)
        groups: dict[str, list[Finding]] = {}
        for finding in self.findings:
            groups.setdefault(finding.field, []).append(finding)
        result = [
            FieldFindings(name, self.labels.get(name, name), sorted(items, key=_not_blocking))
            for name, items in groups.items()
        ]
        return sorted(
            result,
            key=lambda g: (
                not g.blocking,
                order.index(g.field) if g.field in order else len(order),
            ),
        )


def _not_blocking(finding: Finding) -> bool:
    return not finding.blocking


def _label(entry: TextEntry) -> str:
    return f"{entry.label} ({LOCALE_NAMES.get(entry.locale, entry.locale)})"


def check_item(kind: ContentKind, data: dict, jargon: list[Entry] | None = None) -> Report:
    """The report of every text in `data`. `jargon` defaults to the webteam's list; the
    report over all content passes it once for all items."""
    if jargon is None:
        from portal.editor.jargon_store import entries

        jargon = entries()
    entries_ = kind.texts(_shaped(data))
    report = Report(findings=[], scores={})
    english = {e.field: e.text.strip() for e in entries_ if e.locale == "en"}
    for entry in entries_:
        name = f"{entry.locale}-{entry.field}"
        report.labels[name] = _label(entry)
        text = entry.text[:CHECKED_CHARACTERS]
        if not text.strip():
            continue
        if entry.markdown:
            report.findings.extend(_structure(name, text))
        if entry.locale != SOURCE_LOCALE:
            continue
        plain = plain_text(text) if entry.markdown else text
        score = readability.flesch_douma(plain)
        if score is not None:
            report.scores[name] = score
        report.findings.extend(_language(name, plain, score, jargon))
        if entry.field in english and not english[entry.field]:
            en_name = f"en-{entry.field}"
            report.findings.append(Finding("english_missing", en_name, _message("english_missing")))
    return report


def _shaped(data) -> dict:
    """Version data as kind.texts reads it, whatever was stored or posted."""
    data = data if isinstance(data, dict) else {}
    texts = data.get("texts") if isinstance(data.get("texts"), dict) else {}
    return {
        "facts": data.get("facts") if isinstance(data.get("facts"), dict) else {},
        "texts": {locale: v for locale, v in texts.items() if isinstance(v, dict)},
    }


def _language(name: str, plain: str, score: float | None, jargon: list[Entry]) -> list[Finding]:
    found = []
    if score is not None and score < readability.B1_TARGET:
        found.append(
            Finding(
                "reading_score",
                name,
                _message("reading_score", score=_score_text(score)),
            )
        )
    for sentence in readability.long_sentences(plain)[:MAX_PER_CHECK]:
        found.append(
            Finding(
                "long_sentence",
                name,
                _message("long_sentence", count=len(readability.words(sentence))),
                readability.excerpt(sentence),
            )
        )
    for sentence in readability.passive_sentences(plain)[:MAX_PER_CHECK]:
        found.append(Finding("passive", name, _message("passive"), readability.excerpt(sentence)))
    for phrase in readability.hebt_u(plain)[:MAX_PER_CHECK]:
        # The texts are Dutch, so the better words are too, in any interface language.
        better = "heeft u" if phrase.lower().startswith("hebt") else "u heeft"
        found.append(
            Finding("hebt_u", name, _message("hebt_u", found=phrase, better=better), phrase)
        )
    for entry, form in find_jargon(plain, jargon):
        found.append(
            Finding("jargon", name, _message("jargon", word=form, plain=entry.plain), form)
        )
    return found


def _structure(name: str, text: str) -> list[Finding]:
    found = [
        Finding(p.code, name, _message(p.code, **(p.detail or {})), p.excerpt[:80])
        for p in [*structure.heading_problems(text), *structure.link_problems(text)]
    ]
    found.extend(
        Finding("image_alt", name, _message("image_alt"), p.excerpt[:80], blocking=True)
        for p in structure.images_without_alt(text)
    )
    return found[: MAX_PER_CHECK * 3]


def _score_text(score: float) -> str:
    return f"{score:.0f}"


def _message(code: str, **values) -> str:
    """The B1 message of a finding; each names what to write instead."""
    return _MESSAGES[code](values)


# Functions, so only the message that is needed is translated and filled in.
_MESSAGES = {
    "reading_score": lambda v: _(
        "Deze tekst is moeilijk te lezen: score %(score)s, het doel is 60 of hoger. "
        "Schrijf kortere zinnen en gebruik kortere, gewone woorden.",
        **v,
    ),
    "long_sentence": lambda v: _(
        "Deze zin heeft %(count)s woorden. Maak er twee zinnen van: "
        "gebruik niet meer dan 20 woorden in een zin.",
        **v,
    ),
    "passive": lambda v: _(
        "Schrijf actief: zeg wie iets doet. Bijvoorbeeld „Wij sturen u een brief” "
        "in plaats van „U wordt een brief gestuurd”."
    ),
    "hebt_u": lambda v: _("Schrijf „%(better)s” in plaats van „%(found)s”.", **v),
    "jargon": lambda v: _("Schrijf „%(plain)s” in plaats van „%(word)s”.", **v),
    "heading_start": lambda v: _(
        "Begin met een kop van niveau 2 (##). De titel van de pagina is al niveau 1."
    ),
    "heading_skip": lambda v: _(
        "Sla geen kopniveau over. Na een kop met %(previous)s komt een kop met "
        "%(wanted)s, niet met %(got)s.",
        **v,
    ),
    "link_empty": lambda v: _(
        "Deze link heeft geen tekst. Schrijf tussen de [ ] waar de link heen gaat."
    ),
    "link_vague": lambda v: _(
        "Deze linktekst zegt niet waar de link heen gaat. Schrijf wat de lezer daar "
        "vindt, bijvoorbeeld „Bekijk de openingstijden”."
    ),
    "link_bare": lambda v: _(
        "Schrijf een tekst voor de link in plaats van het adres, bijvoorbeeld "
        "[Bekijk de tarieven](https://…)."
    ),
    "image_alt": lambda v: _(
        "Deze afbeelding heeft geen beschrijving (alt-tekst). Schrijf tussen de [ ] wat "
        "er op de afbeelding staat. Zonder beschrijving kunt u niet publiceren."
    ),
    "english_missing": lambda v: _(
        "De Engelse tekst ontbreekt. Vertaal de Nederlandse tekst, zodat inwoners die "
        "Engels lezen hem ook begrijpen."
    ),
}


def check_labels() -> dict[str, str]:
    """A short name per check, for the filter of the report."""
    return {
        "image_alt": _("Afbeelding zonder beschrijving"),
        "reading_score": _("Moeilijke tekst (score onder 60)"),
        "long_sentence": _("Zin van meer dan 20 woorden"),
        "passive": _("Lijdende vorm"),
        "hebt_u": _("„Hebt u”"),
        "jargon": _("Woord uit de woordenlijst"),
        "heading_start": _("Eerste kop niet op niveau 2"),
        "heading_skip": _("Kopniveau overgeslagen"),
        "link_empty": _("Link zonder tekst"),
        "link_vague": _("Vage linktekst"),
        "link_bare": _("Adres als linktekst"),
        "english_missing": _("Engelse tekst ontbreekt"),
    }
