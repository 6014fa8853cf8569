"""A real SMTP server for the test session (aiosmtpd), and the mails it received."""

import email
import re
import socket
import threading
from email import policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

LINK = re.compile(r"https?://\S+")


class MailServer:
    """Listens on 127.0.0.1 in a thread of its own; `messages` are what it was sent."""

    host = "127.0.0.1"

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()
        with socket.socket() as probe:
            probe.bind((self.host, 0))
            self.port = probe.getsockname()[1]
        self._controller = Controller(self, hostname=self.host, port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted"

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()

    def to(self, address: str) -> list[EmailMessage]:
        """The mails sent to `address`, oldest first."""
        with self._lock:
            return [m for m in self.messages if m["To"] == address]


def body(message: EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def links(message: EmailMessage) -> list[str]:
    return LINK.findall(body(message))


def path_of(link: str) -> str:
    """The path of a link in a mail, to follow it with a test client."""
    return "/" + link.split("://", 1)[1].split("/", 1)[1]
