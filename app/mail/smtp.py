"""Sending messages over SMTP, with a timeout, one connection for a batch.

Flask-Mail builds the message; the connection is made here because Flask-Mail
opens it without a timeout, and a silent server would hold the sender forever.
"""

import contextlib
import smtplib

from flask import current_app
from flask_mail import Message

DEFAULT_TIMEOUT_SECONDS = 10


class SmtpConnection:
    """A connection to the configured mail server, opened at the first message
    and kept for the next ones until the ``with`` block ends. After a failed
    message it is closed, and the next message opens a new one: a server that
    refused or broke off is not trusted with more on the same line."""

    def __init__(self) -> None:
        self._config = current_app.config
        self._connection: smtplib.SMTP | None = None

    def __enter__(self) -> "SmtpConnection":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def send(
        self, recipient: str, subject: str, body: str, html: str, message_id: str
    ) -> None:
        """Send one message with a plain-text and an HTML part; raises on any
        failure."""
        sender = self._config["MAIL_DEFAULT_SENDER"]
        message = Message(
            subject=subject,
            recipients=[recipient],
            body=body,
            html=html,
            sender=sender,
        )
        message.msgId = message_id
        try:
            connection = self._connection or self._open()
            connection.sendmail(sender, [recipient], message.as_bytes())
        except BaseException:
            self._drop()
            raise

    def _open(self) -> smtplib.SMTP:
        config = self._config
        timeout = config.get("MAIL_TIMEOUT", DEFAULT_TIMEOUT_SECONDS)
        kind = smtplib.SMTP_SSL if config.get("MAIL_USE_SSL") else smtplib.SMTP
        connection = kind(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout)
        self._connection = connection
        if config.get("MAIL_USE_TLS"):
            connection.starttls()
        if config.get("MAIL_USERNAME"):
            connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        return connection

    def close(self) -> None:
        """Say goodbye to the server, if a connection is open."""
        if self._connection is None:
            return
        with contextlib.suppress(smtplib.SMTPException, OSError):
            self._connection.quit()
        self._drop()

    def _drop(self) -> None:
        """Close the socket without waiting for a server that may be silent."""
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()
