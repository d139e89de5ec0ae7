# MijnGemeente for container deployments: one image, two roles.
#   web:    gunicorn -c gunicorn.conf.py portal.wsgi:app   (the default command)
#   worker: flask --app portal worker
# Settings come from the environment (see README, "Configuration"); nothing is baked in.

FROM python:3.11-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml package.json package-lock.json ./
COPY portal ./portal
RUN python -m venv /venv && /venv/bin/pip install --no-cache-dir .
COPY scripts ./scripts
COPY static ./static
COPY templates ./templates
COPY translations ./translations
COPY babel.cfg ./
RUN /venv/bin/python scripts/build_assets.py \
 && /venv/bin/pybabel compile -d translations

FROM python:3.11-slim-bookworm
# Pango, HarfBuzz-Subset and DejaVu: WeasyPrint draws the PDF receipt with them.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --create-home --home-dir /app portal
COPY --from=build /venv /venv
WORKDIR /app
COPY --from=build --chown=portal /app/portal ./portal
COPY --from=build --chown=portal /app/static ./static
# Hashed names with gzip and brotli variants (scripts/static_dist.py), served by WhiteNoise.
COPY --from=build --chown=portal /app/static-dist ./static-dist
COPY --from=build --chown=portal /app/templates ./templates
COPY --from=build --chown=portal /app/translations ./translations
COPY --chown=portal gunicorn.conf.py ./
COPY --chown=portal forms ./forms
# /app first on the path: the portal runs from its source tree (templates, forms, static
# beside it); the venv only supplies the libraries.
ENV PATH=/venv/bin:$PATH PYTHONPATH=/app PYTHONUNBUFFERED=1 FLASK_APP=portal
USER portal
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi:app"]
