"""A local server that follows Mollie's published Payments API (v2), for the Mollie adapter's
tests: create a payment, get it, and create a refund, with Mollie's JSON shapes (HAL links,
amounts as strings) and its error shape for an unknown id. Tests set a payment's status with
`set_status`, as a bank would, and read what the portal sent in `created`.
"""

import json
import secrets
import threading
from datetime import UTC, datetime

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

HAL = "application/hal+json"


class MollieServer:
    def __init__(self, api_key: str = "test_localserver1234567890") -> None:
        self.api_key = api_key
        self.payments: dict[str, dict] = {}
        self.created: list[dict] = []
        self.refunds: list[dict] = []
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> "MollieServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()

    def set_status(self, payment_id: str, status: str) -> None:
        self.payments[payment_id]["status"] = status

    def _links(self, payment: dict) -> dict:
        links = {
            "self": {"href": f"{self.url}/v2/payments/{payment['id']}", "type": HAL},
            "dashboard": {"href": f"{self.url}/dashboard/{payment['id']}", "type": "text/html"},
        }
        if payment["status"] == "open":
            links["checkout"] = {
                "href": f"{self.url}/checkout/{payment['id']}",
                "type": "text/html",
            }
        return links

    def _error(self, status: int, title: str, detail: str) -> Response:
        body = {"status": status, "title": title, "detail": detail, "_links": {}}
        return Response(json.dumps(body), status=status, content_type=HAL)

    def _json(self, body: dict, status: int = 200) -> Response:
        return Response(json.dumps(body), status=status, content_type=HAL)

    @Request.application
    def app(self, request: Request) -> Response:
        if request.headers.get("Authorization") != f"Bearer {self.api_key}":
            return self._error(401, "Unauthorized Request", "Missing authentication.")
        parts = request.path.strip("/").split("/")
        if parts[:2] != ["v2", "payments"]:
            return self._error(404, "Not Found", "The resource does not exist.")
        if len(parts) == 2 and request.method == "POST":
            return self._create(request.get_json())
        payment = self.payments.get(parts[2]) if len(parts) >= 3 else None
        if payment is None:
            detail = f"No payment exists with token {parts[2] if len(parts) > 2 else ''}."
            return self._error(404, "Not Found", detail)
        if len(parts) == 3 and request.method == "GET":
            return self._json({**payment, "_links": self._links(payment)})
        if parts[3:] == ["refunds"] and request.method == "POST":
            return self._refund(payment, request.get_json())
        return self._error(404, "Not Found", "The resource does not exist.")

    def _create(self, data: dict) -> Response:
        amount = data.get("amount") or {}
        value = str(amount.get("value", ""))
        if amount.get("currency") != "EUR" or "." not in value or len(value.split(".")[1]) != 2:
            return self._error(422, "Unprocessable Entity", "The amount is invalid.")
        if not data.get("description") or not data.get("redirectUrl"):
            return self._error(422, "Unprocessable Entity", "Missing description or redirect.")
        self.created.append(data)
        payment = {
            "resource": "payment",
            "id": "tr_" + secrets.token_hex(5),
            "mode": "test",
            "status": "open",
            "amount": amount,
            "description": data["description"],
            "method": data.get("method"),
            "metadata": data.get("metadata"),
            "redirectUrl": data["redirectUrl"],
            "webhookUrl": data.get("webhookUrl"),
            "createdAt": datetime.now(UTC).isoformat(),
            "isCancelable": False,
        }
        self.payments[payment["id"]] = payment
        return self._json({**payment, "_links": self._links(payment)}, 201)

    def _refund(self, payment: dict, data: dict) -> Response:
        if payment["status"] != "paid":
            return self._error(422, "Unprocessable Entity", "The payment cannot be refunded.")
        refund = {
            "resource": "refund",
            "id": "re_" + secrets.token_hex(5),
            "amount": data["amount"],
            "status": "pending",
            "description": data.get("description", ""),
            "paymentId": payment["id"],
            "createdAt": datetime.now(UTC).isoformat(),
        }
        self.refunds.append(refund)
        return self._json({**refund, "_links": {}}, 201)
