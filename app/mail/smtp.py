"""Sending one message over SMTP, with a timeout.

Flask-Mail builds the message; the connection is made here because Flask-Mail
opens it without a timeout, and a silent server would hold the sender forever.
"""

import smtplib

from flask import current_app
from flask_mail import Message

DEFAULT_TIMEOUT_SECONDS = 10


def send_email(
    recipient: str, subject: str, body: str, html: str, message_id: str
) -> None:
    """Send one message with a plain-text and an HTML part; raises on any
    failure."""
    config = current_app.config
    sender = config["MAIL_DEFAULT_SENDER"]
    message = Message(
        subject=subject,
        recipients=[recipient],
        body=body,
        html=html,
        sender=sender,
    )
    message.msgId = message_id
    timeout = config.get("MAIL_TIMEOUT", DEFAULT_TIMEOUT_SECONDS)
    connection_class = smtplib.SMTP_SSL if config.get("MAIL_USE_SSL") else smtplib.SMTP
    with connection_class(
        config["MAIL_SERVER"], config["MAIL_PORT"], timeout=timeout
    ) as connection:
        if config.get("MAIL_USE_TLS"):
            connection.starttls()
        if config.get("MAIL_USERNAME"):
            connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        connection.sendmail(sender, [recipient], message.as_bytes())
