"""Building blocks shared by every area: WTForms fields that the Jinja macros in
`templates/components/` render (see `fields.py`)."""
