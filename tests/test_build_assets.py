"""scripts/build_assets.py keeps the Utrecht CSS the portal uses and drops the rest."""

import importlib.util

from portal.config import ROOT


def load_build_assets():
    spec = importlib.util.spec_from_file_location(
        "build_assets", ROOT / "scripts" / "build_assets.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CSS = (
    ".utrecht-button{color:red}"
    ".utrecht-button--subtle{color:blue}"
    ".utrecht-button--primary-action,.utrecht-button--pressed{color:green}"
    ".utrecht-button:hover:not(.utrecht-button--disabled){color:navy}"
    ":where(.utrecht-root) :where(:focus-visible){outline:auto}"
    '.utrecht-link::after{content:"}{"}'
    "@media (min-width:40em){.utrecht-table{width:100%}.utrecht-button{width:auto}}"
    "@keyframes utrecht-spin{to{transform:rotate(1turn)}}"
    ".utrecht-heading-2{font-size:2em}"
)


def test_rules_of_unused_classes_go_and_used_ones_stay():
    build = load_build_assets()
    names = {"utrecht-button", "utrecht-button--primary-action", "utrecht-link"}

    pruned = build.prune_css(CSS, names, ("utrecht-heading-",))

    assert ".utrecht-button{color:red}" in pruned
    assert ".utrecht-button--primary-action{color:green}" in pruned  # --pressed dropped
    assert "subtle" not in pruned and "pressed" not in pruned
    # A class inside :not() or :where() need not be used for the rule to apply.
    assert ":hover:not(.utrecht-button--disabled)" in pruned
    assert ":where(.utrecht-root)" in pruned
    assert '.utrecht-link::after{content:"}{"}' in pruned
    assert "@media (min-width:40em){.utrecht-button{width:auto}}" in pruned
    assert "@keyframes utrecht-spin" in pruned
    assert ".utrecht-heading-2" in pruned  # built from a variable in a template


def test_the_portal_uses_the_classes_the_base_page_needs():
    build = load_build_assets()

    names, prefixes = build.used_classes()

    assert {"utrecht-document", "utrecht-button--primary-action", "utrecht-skip-link"} <= names
    assert "utrecht-heading-" in prefixes
    # A template expression choosing between quoted names gives those names, not a prefix.
    assert "utrecht-button--secondary-action" in names
    assert "utrecht-button--" not in prefixes


def test_the_theme_keeps_only_the_tokens_that_are_read():
    build = load_build_assets()
    theme = (
        ".voorbeeld-theme {\n  --utrecht-button-color: var(--basis-color-blue);\n"
        "  --basis-color-blue: #00f;\n  --utrecht-unused: 1px;\n}\n"
    )

    trimmed = build.trimmed_theme(theme, read_by=".x{color:var(--utrecht-button-color)}")

    assert "--utrecht-button-color" in trimmed and "--basis-color-blue: #00f" in trimmed
    assert "--utrecht-unused" not in trimmed
