"""The development mail catcher keeps every run's mail in instance/mail/."""

import smtplib
from email.message import EmailMessage

from portal.devtools.smtp_catcher import MailCatcher


def send(catcher: MailCatcher, subject: str) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@example.org", "b@example.org", subject
    message.set_content("Hallo")
    with smtplib.SMTP(catcher.host, catcher.port, timeout=10) as smtp:
        smtp.send_message(message)


def test_a_restart_keeps_the_mail_of_the_run_before(tmp_path):
    for subject in ("eerste", "tweede"):
        catcher = MailCatcher(folder=tmp_path).start()
        try:
            send(catcher, subject)
        finally:
            catcher.stop()
    files = sorted(tmp_path.glob("*.eml"))
    assert [path.name for path in files] == ["00001.eml", "00002.eml"]
    assert "Subject: eerste" in files[0].read_text()
    assert "Subject: tweede" in files[1].read_text()
