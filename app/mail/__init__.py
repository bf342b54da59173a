"""Email: the outbox, the messages of the service path, and SMTP delivery."""
