"""The transport every register adapter shares: connection, credentials, one retry, errors
told apart.

How a register is reached (OAuth2 client credentials, client certificate, CA bundle) comes
from the app config by register name (see `connection.Settings`). Every call has a timeout
and is tried once more on a timeout, a broken connection or a 5xx; then it raises
`RegistryUnavailable`. Other answers are told apart, because each needs someone else:

- 404: None, "not known" (the adapter says so plainly);
- 400 and other 4xx: `RegistryRefusedRequest`, our bug, with the register's problem details
  logged (names and reasons, no values);
- 401/403 and certificate problems: `RegistryAccessDenied`, set-up (a 401 first gets one
  fresh OAuth token, in case the old one was revoked);
- a 2xx that is not JSON, a redirect, an HTML 404: `RegistryAnswerInvalid`.

All are subclasses of `RegistryUnavailable`, so a page shows each as "we could not fetch your
data now", never as "you are not registered". Log lines name the register and the status,
never the URL (it may hold a postcode) nor anything of the request body (a BSN).
"""

import logging
import re

import requests
from flask import current_app, has_app_context

from portal.registries.base import (
    RegistryAccessDenied,
    RegistryAnswerInvalid,
    RegistryRefusedRequest,
    RegistryUnavailable,
)
from portal.registries.http.connection import (
    NETWORK_ERRORS,
    Settings,
    connection_failure,
    failure_error,
    session_for,
)
from portal.registries.http.oauth import TokenSource

log = logging.getLogger(__name__)
ATTEMPTS = 2  # the call and one retry

# Problem details are the register's words about our request; a reason may quote what we
# sent. Long digit runs (BSN, KVK number, BAG ids) and postcodes are blotted out.
_PERSONAL = re.compile(r"\d{5,}|\b\d{4}\s?[A-Za-z]{2}\b")


def _scrub(value: object, limit: int = 120) -> str:
    return _PERSONAL.sub("…", str(value))[:limit]


def problem_summary(response: requests.Response) -> str:
    """Title, code and invalid parameters of a problem+json answer (Haal Centraal, BAG) or the
    `fout` list of a KVK answer, safe to log."""
    try:
        data = response.json()
    except ValueError:
        return "no problem details"
    if not isinstance(data, dict):
        return "no problem details"
    parts = [f"{key}={_scrub(data[key])}" for key in ("title", "code") if data.get(key)]
    # Haal Centraal BRP writes `invalidParams`; the BAG specification's `Error` schema
    # writes `invalid-params` (its feature files use the other spelling).
    params = data.get("invalidParams", data.get("invalid-params"))
    if isinstance(params, list):
        described = [
            f"{_scrub(p.get('name', '?'), 60)}: {_scrub(p.get('code', ''), 40)} "
            f"{_scrub(p.get('reason', ''))}".strip()
            for p in params[:20]
            if isinstance(p, dict)
        ]
        parts.append("invalidParams=[" + "; ".join(described) + "]")
    errors = data.get("fout")
    if isinstance(errors, list):
        described = [
            f"{_scrub(f.get('code', ''), 40)} {_scrub(f.get('omschrijving', ''))}".strip()
            for f in errors[:20]
            if isinstance(f, dict)
        ]
        parts.append("fout=[" + "; ".join(described) + "]")
    return ", ".join(parts) or "no problem details"


class Client:
    def __init__(
        self,
        register: str,
        base_url: str,
        headers: dict,
        timeout: float,
        settings: Settings | None = None,
    ) -> None:
        if settings is None:
            config = current_app.config if has_app_context() else {}
            settings = Settings.from_config(register, config)
        self.register = register
        self.base_url = base_url.rstrip("/")
        # An empty key or OIN is not sent: only headers with a value the API documents.
        self.headers = {name: value for name, value in headers.items() if value}
        self.timeout = timeout
        self.settings = settings
        self.session = session_for(register, settings)
        self.tokens = (
            TokenSource(register, settings, self.session, timeout) if settings.uses_oauth else None
        )

    def _url(self, path: str) -> str:
        if not path.startswith(("https://", "http://")):
            return self.base_url + path
        # A link from an answer (paging): only within this register, so our credentials
        # never go to another host.
        if path == self.base_url or path.startswith(self.base_url + "/"):
            return path
        raise RegistryAnswerInvalid(self.register, "a link outside the register's URL")

    def call(self, method: str, path: str, **kwargs) -> requests.Response | None:
        """The response, or None for a 404; raises a RegistryUnavailable (sub)class on
        anything else."""
        url = self._url(path)
        headers = {**self.headers, **kwargs.pop("headers", {})}
        token_renewed = False
        attempt, reason = 0, ""
        while attempt < ATTEMPTS:
            attempt += 1
            token = ""
            if self.tokens is not None:
                try:
                    token = self.tokens.token()
                except RegistryAccessDenied:
                    raise
                except RegistryUnavailable as error:
                    self._failed(attempt, error.reason)
                    reason = error.reason
                    continue
                headers["Authorization"] = f"Bearer {token}"
            try:
                response = self.session.request(
                    method,
                    url,
                    headers=headers,
                    timeout=self.timeout,
                    allow_redirects=False,
                    **self.settings.tls(),
                    **kwargs,
                )
            except NETWORK_ERRORS as error:
                failure = connection_failure(error)
                if not failure.transient:
                    log.error("%s: %s", self.register, failure.reason)
                    raise failure_error(self.register, failure) from None
                reason = failure.reason
            else:
                status = response.status_code
                if status == 401 and token and not token_renewed:
                    # Revoked before its time: one fresh token, not counted as the retry.
                    log.info("%s: HTTP 401, fetching a new token", self.register)
                    self.tokens.forget(token)
                    token_renewed = True
                    attempt -= 1
                    continue
                if status < 300:
                    return response
                if status == 404:
                    return self._not_found(response)
                if status < 500:
                    raise self._refused(response)
                reason = f"HTTP {status}"
            self._failed(attempt, reason)
        raise RegistryUnavailable(self.register, reason)

    def _failed(self, attempt: int, reason: str) -> None:
        log.warning(
            "%s: call failed (attempt %s of %s): %s", self.register, attempt, ATTEMPTS, reason
        )

    def _not_found(self, response: requests.Response) -> None:
        # A web page instead of the API's own 404 means the URL points at the wrong place;
        # saying "not known" then would tell a resident something untrue.
        if "html" in response.headers.get("Content-Type", "").lower():
            log.error("%s: HTTP 404 with a web page, not the API: check the URL", self.register)
            raise RegistryAnswerInvalid(self.register, "HTTP 404 not from the API")
        return None

    def _refused(self, response: requests.Response) -> RegistryUnavailable:
        status = response.status_code
        if status in (401, 403):
            log.error(
                "%s: HTTP %s, access refused (check credentials, certificate, authorisation): %s",
                self.register,
                status,
                problem_summary(response),
            )
            return RegistryAccessDenied(self.register, f"HTTP {status}")
        if status == 429:
            log.warning("%s: HTTP 429, too many requests", self.register)
            return RegistryUnavailable(self.register, "HTTP 429")
        if status < 400:
            log.error("%s: HTTP %s redirect: check the URL", self.register, status)
            return RegistryAnswerInvalid(self.register, f"HTTP {status}")
        log.error(
            "%s: HTTP %s, our request was refused: %s",
            self.register,
            status,
            problem_summary(response),
        )
        return RegistryRefusedRequest(self.register, f"HTTP {status}")

    def json(self, method: str, path: str, **kwargs) -> dict | None:
        response = self.call(method, path, **kwargs)
        if response is None:
            return None
        try:
            answer = response.json()
        except ValueError:
            answer = None
        if not isinstance(answer, dict):
            # Every register answers with an object; anything else (a gateway's login page,
            # an empty body) is no answer the adapters can read.
            log.error(
                "%s: HTTP %s without a JSON object (%s)",
                self.register,
                response.status_code,
                response.headers.get("Content-Type", "no content type")[:60],
            )
            raise RegistryAnswerInvalid(self.register, "no JSON object in the answer")
        return answer


_Client = Client  # the adapters' name for it
