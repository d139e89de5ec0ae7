"""The WSGI entry point for gunicorn: `gunicorn -c gunicorn.conf.py portal.wsgi:app`.

WhiteNoise serves the static files (static-dist/, built by `make assets`) before a request
reaches Flask: hashed names cached for a year, gzip and brotli made at build time.
"""

from portal import create_app, static_files

app = create_app()
static_files.serve_with_whitenoise(app)
