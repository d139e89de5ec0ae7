"""A local SMTP server that keeps every message it receives (development and tests).

`make run` starts it so that outgoing e-mail really travels over SMTP; the messages are
written to a folder so a developer can read them.
"""

import email
import email.policy
import socket
import threading
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _highest_number(folder: Path) -> int:
    numbers = [int(path.stem) for path in folder.glob("*.eml") if path.stem.isdigit()]
    return max(numbers, default=0)


class _Keeper:
    def __init__(self, catcher: "MailCatcher") -> None:
        self.catcher = catcher

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.catcher.refuse:
            return "451 Requested action aborted: local error in processing"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.catcher.keep(message, envelope.rcpt_tos)
        return "250 Message accepted for delivery"


class MailCatcher:
    def __init__(self, host: str = "127.0.0.1", port: int = 0, folder: Path | None = None) -> None:
        self.host = host
        self.port = port or free_port(host)
        self.folder = folder
        # Mail kept by an earlier run stays: numbering goes on after the highest file there.
        self._numbered = _highest_number(folder) if folder else 0
        self.messages: list[EmailMessage] = []
        self.refuse = False
        self._lock = threading.Lock()
        self._controller = Controller(_Keeper(self), hostname=host, port=self.port)

    def start(self) -> "MailCatcher":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def keep(self, message: EmailMessage, recipients: list[str]) -> None:
        with self._lock:
            self.messages.append(message)
            self._numbered += 1
            number = self._numbered
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / f"{number:05d}.eml").write_bytes(message.as_bytes())
        print(f"[mail] to {', '.join(recipients)}: {message['Subject']}", flush=True)

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for m in self.messages if address in str(m["To"])]
