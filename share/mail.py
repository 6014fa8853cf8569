"""Sending e-mail, for any feature: through SMTP when MAIL_SERVER is set; otherwise, in
development, printed to the console and written to MAIL_DIR, so nothing needs a mail server
(in production, without MAIL_SERVER, nothing is sent).

Views send after their commit: a mail never tells of something that was rolled back.
"""

import smtplib
import ssl
import sys
import uuid
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app

from share.database import utcnow


class MailError(Exception):
    """The mail could not be handed to the mail server."""


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str


def _message(mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=message["From"].addresses[0].domain or None)
    message.set_content(mail.body)
    return message


def send_mail(mail: Mail) -> None:
    """:raise MailError: when the SMTP server cannot be reached or refuses the mail."""
    message = _message(mail)
    config = current_app.config
    if not config["MAIL_SERVER"]:
        if not config["MAIL_TO_CONSOLE"]:
            current_app.logger.error("mail to %s not sent: MAIL_SERVER is not set", mail.to)
            raise MailError
        _write_locally(message)
        return
    try:
        if config["MAIL_USE_SSL"]:
            smtp = smtplib.SMTP_SSL(
                config["MAIL_SERVER"],
                config["MAIL_PORT"],
                timeout=config["MAIL_TIMEOUT"],
                context=ssl.create_default_context(),
            )
        else:
            smtp = smtplib.SMTP(
                config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"]
            )
        with smtp:
            if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
                smtp.starttls(context=ssl.create_default_context())
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.error("mail to %s not sent: %s", mail.to, error)
        raise MailError from error


def _write_locally(message: EmailMessage) -> None:
    directory = Path(current_app.config["MAIL_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{utcnow():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
    (directory / name).write_bytes(message.as_bytes())
    sys.stderr.write(f"--- mail (also in {directory / name}) ---\n{message}\n---\n")
