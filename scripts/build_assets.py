"""Copy the front-end files the portal serves from node_modules/ into static/vendor/.

Run as `python scripts/build_assets.py` (the Makefile's `assets` target). It runs
`npm ci` first when node_modules/ is missing or was installed from another package-lock.json.
Nothing is loaded from a CDN: the Content-Security-Policy allows our own origin only.

What lands in static/vendor/ (generated, git-ignored):
- `voorbeeld-theme.css`: the NL Design System "Voorbeeld" theme (design tokens as CSS custom
  properties on `.voorbeeld-theme`), trimmed to the tokens the Utrecht components use.
  Gemeente Utrecht's own token package is proprietary, the Voorbeeld theme is EUPL-1.2.
- `utrecht-components.css`: the CSS of the Utrecht components in COMPONENTS, in one file,
  keeping only the rules for `utrecht-*` classes that templates/, portal/, forms/ and
  static/js/ use (a class built in a template, "utrecht-heading-{{ level }}", keeps every
  class with that prefix). Need another component? Add its name here. Used a new class?
  Run the script again (`make assets`).
- The theme keeps only the tokens that this CSS and static/css/*.css read, and the tokens
  those refer to. Together this keeps a first visit small (see `make benchmark`).
- `htmx.min.js`.
- `leaflet/` (leaflet.js, leaflet.css and its images): the map of the reports area. Pages load
  it only when someone opens the map (static/js/reports-map.js), never on a first visit.

Last, scripts/static_dist.py writes static-dist/ from all of static/: content-hashed names,
gzip and brotli variants and the manifest that url_for("static", ...) reads.
"""

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "static" / "vendor"
LOCK_FILE = ROOT / "package-lock.json"
# Written after a successful `npm ci`: the hash of the lock file it installed.
INSTALLED_MARKER = NODE_MODULES / ".mijngemeente-lock-sha256"

THEME_PACKAGE = "@nl-design-system-unstable/voorbeeld-design-tokens"
COMPONENT_BUNDLE = "@utrecht/component-library-css"
COMPONENTS = [
    "root",
    "document",
    "body",
    "surface",
    "page-body",
    "page-header",
    "page-content",
    "page-footer",
    "skip-link",
    "heading-1",
    "heading-2",
    "heading-3",
    "heading-4",
    "paragraph",
    "link",
    "link-list",
    "unordered-list",
    "ordered-list",
    "separator",
    "nav-bar",
    "breadcrumb-nav",
    "button",
    "button-link",
    "link-button",
    "button-group",
    "action-group",
    "form-field",
    "form-label",
    "form-field-description",
    "form-field-error-message",
    "form-fieldset",
    "textbox",
    "textarea",
    "select",
    "checkbox",
    "custom-checkbox",
    "radio-button",
    "alert",
    "alert-dialog",
    "backdrop",
    "status-badge",
    "number-badge",
    "data-list",
    "table",
    "pagination",
]
# Token families the Utrecht components read; others in the theme serve other libraries.
THEME_TOKEN_PREFIXES = ("--utrecht-", "--basis-", "--voorbeeld-")
# Where the portal names Utrecht classes, and our own style sheets that read theme tokens.
CLASS_SOURCES = {
    "templates": ("*.html",),
    "portal": ("*.html", "*.py"),
    "forms": ("*.py",),
    "static/js": ("*.js",),
}
OWN_CSS = ROOT / "static" / "css"
UTRECHT_CLASS = re.compile(r"utrecht-[a-z0-9_-]*")
# "utrecht-button--{{ 'secondary' if secondary else 'primary' }}-action": the names it can be.
TEMPLATED_CLASS = re.compile(r"(utrecht-[a-z0-9_-]*)\{\{(.*?)\}\}([a-z0-9_-]*)")
STRING_LITERAL = re.compile(r"'([a-z0-9_-]*)'|\"([a-z0-9_-]*)\"")
SELECTOR_CLASS = re.compile(r"\.(utrecht-[a-zA-Z0-9_-]+)")
# Arguments of :not(), :is(), :where(), :has(): a class there does not have to be used.
PSEUDO_ARGUMENTS = re.compile(r"\([^()]*\)")
# At-rules whose block holds rules that can be pruned; any other at-rule is kept whole.
GROUPING_AT_RULES = ("@media", "@supports", "@layer", "@container")

DECLARATION = re.compile(r"^\s*(--[\w-]+)\s*:\s*(.*?);\s*(?:/\*.*\*/)?\s*$")
VAR_REFERENCE = re.compile(r"var\(\s*(--[\w-]+)")


def lock_hash() -> str:
    return hashlib.sha256(LOCK_FILE.read_bytes()).hexdigest()


def node_modules_current() -> bool:
    return INSTALLED_MARKER.is_file() and INSTALLED_MARKER.read_text().strip() == lock_hash()


def install_packages() -> None:
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm is missing. Install Node.js and npm first (Debian: apt-get install npm).")
    print("build_assets: npm ci", flush=True)
    subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True)  # noqa: S603
    INSTALLED_MARKER.write_text(lock_hash() + "\n")


def package_dir(name: str) -> Path:
    """Where npm put a package: hoisted, or nested under the bundle that needs it."""
    for candidate in (
        NODE_MODULES / name,
        NODE_MODULES / COMPONENT_BUNDLE / "node_modules" / name,
    ):
        if (candidate / "package.json").is_file():
            return candidate
    raise SystemExit(f"build_assets: package {name} is not installed; check package.json")


def trimmed_theme(source: str, read_by: str | None = None) -> str:
    """Keep the token families the components use, plus every token those refer to. With
    `read_by` (the CSS that is served), keep only the tokens it reads."""
    declarations = {}
    for line in source.splitlines():
        match = DECLARATION.match(line)
        if match:
            declarations[match.group(1)] = match.group(2)
    keep = {name for name in declarations if name.startswith(THEME_TOKEN_PREFIXES)}
    if read_by is not None:
        keep &= set(VAR_REFERENCE.findall(read_by))
    pending = list(keep)
    while pending:
        for reference in VAR_REFERENCE.findall(declarations[pending.pop()]):
            if reference in declarations and reference not in keep:
                keep.add(reference)
                pending.append(reference)
    body = "\n".join(f"  {name}: {declarations[name]};" for name in sorted(keep))
    return (
        f"/* {THEME_PACKAGE}: NL Design System Voorbeeld theme, EUPL-1.2. Generated by "
        "scripts/build_assets.py; do not edit. */\n"
        f".voorbeeld-theme {{\n{body}\n}}\n"
    )


def component_css() -> str:
    parts = [
        '@charset "UTF-8";',
        f"/* {COMPONENT_BUNDLE} components, EUPL-1.2, (c) Frameless B.V. and Gemeente Utrecht."
        " Generated by scripts/build_assets.py; do not edit. */",
    ]
    for component in COMPONENTS:
        dist = package_dir(f"@utrecht/{component}-css") / "dist"
        css = dist / "index.min.css"
        if not css.is_file():
            css = dist / "index.css"
        # @charset is only allowed at the very start of a file; ours starts with the header.
        text = css.read_text(encoding="utf-8").replace('@charset "UTF-8";', "")
        parts.append(f"/* @utrecht/{component}-css */\n{text}")
    return "\n".join(parts) + "\n"


def used_classes() -> tuple[set[str], tuple[str, ...]]:
    """The Utrecht class names the portal uses, and the prefixes of names it builds from a
    variable (the text before "{{", "{" or "${", or a name ending in "-" before a " + ").
    A template expression that chooses between quoted names gives those names instead."""
    names, prefixes = set(), set()
    for folder, patterns in CLASS_SOURCES.items():
        for pattern in patterns:
            for path in (ROOT / folder).rglob(pattern):
                text = path.read_text(encoding="utf-8")
                for match in TEMPLATED_CLASS.finditer(text):
                    start, expression, end = match.groups()
                    choices = [a or b for a, b in STRING_LITERAL.findall(expression)]
                    names.update(f"{start}{choice}{end}" for choice in choices)
                    if choices:
                        # Seen whole here; the loop below must not take it for a prefix.
                        text = text.replace(match.group(), " ")
                for match in UTRECHT_CLASS.finditer(text):
                    name, after = match.group(), text[match.end() : match.end() + 1]
                    if after in ("{", "$") or name.endswith("-"):
                        prefixes.add(name)
                    else:
                        names.add(name)
    return names, tuple(sorted(prefixes))


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level (prelude, body) pairs of a style sheet; comments dropped, strings kept."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    blocks, start, depth, quote, index = [], 0, 0, "", 0
    prelude_end = 0
    while index < len(css):
        char = css[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            if depth == 0:
                prelude_end = index
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append((css[start:prelude_end].strip(), css[prelude_end + 1 : index]))
                start = index + 1
        elif char == ";" and depth == 0:
            blocks.append((css[start : index + 1].strip(), ""))  # @charset, @import
            start = index + 1
        index += 1
    return blocks


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in prelude:
        depth += (char in "([") - (char in ")]")
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def _selector_used(selector: str, names: set[str], prefixes: tuple[str, ...]) -> bool:
    while PSEUDO_ARGUMENTS.search(selector):
        selector = PSEUDO_ARGUMENTS.sub("", selector)
    return all(
        name in names or name.startswith(prefixes) for name in SELECTOR_CLASS.findall(selector)
    )


def prune_css(css: str, names: set[str], prefixes: tuple[str, ...]) -> str:
    """The style sheet without the selectors of Utrecht classes nobody uses; a rule left
    without selectors goes, and so does an @media block left empty."""
    kept = []
    for prelude, body in _blocks(css):
        if prelude.startswith(GROUPING_AT_RULES):
            inner = prune_css(body, names, prefixes)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{body}}}" if body else prelude)
        else:
            selectors = [
                selector.strip()
                for selector in _split_selectors(prelude)
                if _selector_used(selector, names, prefixes)
            ]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def write(name: str, content: str | bytes) -> None:
    target = VENDOR / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    print(f"build_assets: {target.relative_to(ROOT)} ({target.stat().st_size // 1024} KB)")


def copy_leaflet() -> None:
    # leaflet.css finds its images at images/…, relative to itself: keep that layout.
    dist = package_dir("leaflet") / "dist"
    target = VENDOR / "leaflet"
    (target / "images").mkdir(parents=True, exist_ok=True)
    for name in ("leaflet.js", "leaflet.css"):
        write(f"leaflet/{name}", (dist / name).read_bytes())
    for image in sorted((dist / "images").glob("*.png")):
        write(f"leaflet/images/{image.name}", image.read_bytes())


def main() -> None:
    if not node_modules_current():
        install_packages()
    VENDOR.mkdir(parents=True, exist_ok=True)
    names, prefixes = used_classes()
    components = component_css()
    header, _, rules = components.partition("*/\n")
    components = f"{header}*/\n{prune_css(rules, names, prefixes)}\n"
    write("utrecht-components.css", components)
    read_by = "\n".join(
        [components, *(path.read_text(encoding="utf-8") for path in OWN_CSS.glob("*.css"))]
    )
    theme = package_dir(THEME_PACKAGE) / "dist" / "theme.css"
    write("voorbeeld-theme.css", trimmed_theme(theme.read_text(encoding="utf-8"), read_by))
    write("htmx.min.js", (package_dir("htmx.org") / "dist" / "htmx.min.js").read_bytes())
    copy_leaflet()
    # Imported here: tests load this file on its own, without scripts/ on sys.path.
    from static_dist import build

    build()


if __name__ == "__main__":
    main()
