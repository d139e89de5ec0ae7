"""The registry of content kinds the editor knows. Each kind lives in its own module here
and is registered in `register_all`; the editor's pages look kinds up by name."""

from portal.editor.kinds.base import ContentKind

KINDS: dict[str, ContentKind] = {}
# The order of the editor's menu.
ORDER = (
    "product",
    "life_event",
    "faq",
    "notice",
    "status_text",
    "email_text",
    "report_category",
)


def register(kind: ContentKind) -> None:
    KINDS[kind.name] = kind


def get(name: str) -> ContentKind | None:
    return KINDS.get(name)


def ordered() -> list[ContentKind]:
    return sorted(KINDS.values(), key=lambda k: ORDER.index(k.name) if k.name in ORDER else 99)


def register_all() -> None:
    """Import each kind's module; a module registers its kind when it is there."""
    import importlib

    for name in ORDER:
        try:
            module = importlib.import_module(f"portal.editor.kinds.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"portal.editor.kinds.{name}":
                raise
            continue
        register(module.KIND)
