"""Counting how often a template is rendered: a kept part must be rendered once, not per page."""

from portal.components import fragments


def counted_renders(app, monkeypatch, template: str) -> list[str]:
    """A list that grows by one each time `template` is loaded to render; the kept parts
    are dropped first, so the next page renders them again."""
    rendered: list[str] = []
    original = app.jinja_env.get_template

    def counting(name, *args, **kwargs):
        if name == template:
            rendered.append(name)
        return original(name, *args, **kwargs)

    monkeypatch.setattr(app.jinja_env, "get_template", counting)
    app.extensions.pop(fragments.EXTENSION, None)
    return rendered
