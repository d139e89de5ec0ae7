"""A scriptable local server for the register transport tests: each path answers from a list
(the last answer repeats), a token endpoint hands out numbered tokens, and `/echo` says which
Authorization header and connection it saw. With an SSL context it serves HTTPS."""

import json
import ssl
import threading
import time
from pathlib import Path

import trustme
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from portal.devtools.smtp_catcher import free_port

JSON = "application/json"
PROBLEM = "application/problem+json"


def _client_port(wsgi: dict) -> str | None:
    # The client's source port, to tell kept-alive connections apart (a WSGI key).
    return wsgi.get("REMOTE_PORT")


class ScriptedServer:
    def __init__(self, ssl_context: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, list] = {}
        self.seen: list[dict] = []
        self.tokens_issued = 0
        self.expires_in: object = 3600
        self.token_delay = 0.0
        self.port = free_port()
        scheme = "https" if ssl_context else "http"
        self.url = f"{scheme}://127.0.0.1:{self.port}"
        self._lock = threading.Lock()
        self._server = make_server(
            "127.0.0.1", self.port, self._app, threaded=True, ssl_context=ssl_context
        )
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def answer(self, path: str, *answers) -> None:
        """Answers are (status, body, content type); body may be a dict (JSON) or text."""
        self.routes[path] = list(answers)

    def requests_to(self, path: str) -> list[dict]:
        return [seen for seen in self.seen if seen["path"] == path]

    def _app(self, environ, start_response):
        request = Request(environ)
        with self._lock:
            self.seen.append(
                {
                    "path": request.path,
                    "headers": dict(request.headers),
                    "form": request.form.to_dict(),
                    "port": _client_port(environ),
                }
            )
        if request.path == "/token":
            return self._token(request)(environ, start_response)
        if request.path == "/echo" and request.path not in self.routes:
            body = {
                "authorization": request.headers.get("Authorization", ""),
                "port": _client_port(environ),
            }
            return Response(json.dumps(body), mimetype=JSON)(environ, start_response)
        queue = self.routes.get(request.path) or [(404, {"status": 404}, PROBLEM)]
        with self._lock:
            status, body, content_type = queue.pop(0) if len(queue) > 1 else queue[0]
        text = json.dumps(body) if isinstance(body, dict) else body
        return Response(text, status=status, content_type=content_type)(environ, start_response)

    def _token(self, request: Request) -> Response:
        if "/token" in self.routes:
            status, body, content_type = self.routes["/token"][0]
            return Response(json.dumps(body), status=status, content_type=content_type)
        time.sleep(self.token_delay)
        with self._lock:
            self.tokens_issued += 1
            number = self.tokens_issued
        body = {"access_token": f"token-{number}", "token_type": "Bearer"}
        if self.expires_in is not None:
            body["expires_in"] = self.expires_in
        return Response(json.dumps(body), mimetype=JSON)


class Certificates:
    """A register's CA and server certificate, and our client certificate from another CA,
    written to files as the settings want them."""

    def __init__(self, folder: Path) -> None:
        self.server_ca = trustme.CA()
        self.client_ca = trustme.CA()
        self.other_ca = trustme.CA()
        self._server_cert = self.server_ca.issue_cert("127.0.0.1")
        client = self.client_ca.issue_cert("mijngemeente.example.nl")
        self.ca_bundle = str(folder / "register-ca.pem")
        self.other_bundle = str(folder / "other-ca.pem")
        self.client_cert = str(folder / "client.pem")
        self.client_key = str(folder / "client.key")
        self.server_ca.cert_pem.write_to_path(self.ca_bundle)
        self.other_ca.cert_pem.write_to_path(self.other_bundle)
        client.cert_chain_pems[0].write_to_path(self.client_cert)
        client.private_key_pem.write_to_path(self.client_key)

    def server_context(self) -> ssl.SSLContext:
        """A server that asks every client for a certificate from our client CA."""
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self._server_cert.configure_cert(context)
        self.client_ca.configure_trust(context)
        context.verify_mode = ssl.CERT_REQUIRED
        return context
