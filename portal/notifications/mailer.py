"""The SMTP adapter: one connection per batch, settings from the app config.

Locally `make run` and the tests point it at `portal.devtools.smtp_catcher.MailCatcher`, a
real SMTP server, so the same code path runs everywhere.
"""

import smtplib
import ssl
from email.message import EmailMessage

SMTP_TIMEOUT_SECONDS = 15


class MailServerDown(OSError):
    """An earlier attempt in this batch could not reach the server; do not wait again."""


class SmtpMailer:
    def __init__(self, config) -> None:
        self.host = config["SMTP_HOST"]
        self.port = int(config["SMTP_PORT"])
        self.username = config.get("SMTP_USERNAME") or ""
        self.password = config.get("SMTP_PASSWORD") or ""
        self.starttls = bool(config.get("SMTP_STARTTLS"))
        self._smtp: smtplib.SMTP | None = None
        self._down = False

    def send(self, message: EmailMessage) -> None:
        """Hand the message to the server; raises smtplib.SMTPException or OSError."""
        connection = self._connection()
        try:
            connection.send_message(message)
        except (smtplib.SMTPServerDisconnected, OSError):
            # The connection is gone; the next message opens a new one.
            self._smtp = None
            connection.close()
            raise

    def _connection(self) -> smtplib.SMTP:
        if self._down:
            raise MailServerDown("mail server unreachable earlier in this batch")
        if self._smtp is None:
            try:
                smtp = smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT_SECONDS)
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password)
            except (OSError, smtplib.SMTPException):
                self._down = True
                raise
            self._smtp = smtp
        return self._smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                self._smtp.close()
            self._smtp = None
