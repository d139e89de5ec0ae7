"""Response headers every page carries (NCSC web guidelines, DigiD assessment)."""

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy() -> str:
    # Sign-in and sign-out forms redirect to the identity providers; Chromium applies
    # form-action to those redirects, so their origins must be listed.
    provider_origins = sorted(
        {o for o in (_origin(u) for u in current_app.config.get("FORM_ACTION_ORIGINS", [])) if o}
    )
    form_action = " ".join(["'self'", *provider_origins])
    # Map tiles (reports) come from the tile service when one is set; Leaflet needs nothing
    # else from outside: its script, styles and marker images are served from static/.
    tile_origin = _origin(current_app.config.get("MAP_TILE_URL", ""))
    img_src = " ".join(["'self'", "data:", *([tile_origin] if tile_origin else [])])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {img_src}",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            f"form-action {form_action}",
            "frame-ancestors 'none'",
        ]
    )


def init_app(app: Flask) -> None:
    app.config.setdefault("FORM_ACTION_ORIGINS", [app.config.get("OIDC_PROVIDER_URL", "")])

    @app.after_request
    def _security_headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy())
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self)")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config.get("HSTS"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        caching = response.cache_control
        if request.endpoint != "static" and not (caching.public or caching.no_store):
            # Pages, receipts, decisions and uploads can hold personal data: never kept in
            # a shared, back-button or disk cache. send_file's own "no-cache" still lets a
            # browser store the file, so it is replaced; only what a view marked public
            # (the map background, approved public photos) may be cached.
            headers["Cache-Control"] = "no-store"
        return response
