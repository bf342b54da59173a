"""No personal data in the logs: every log record of the process is cleaned as
it is made, whoever logs it (our code, Flask, Werkzeug, SMTP errors quoting a
recipient, the database quoting a row).

Email addresses and phone numbers become placeholders; the query strings of
request lines are dropped, since searches carry names in them. Names in free
text cannot be recognised, so our own log lines name records by id only.
"""

import logging
import re

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# International (+358 …) or Finnish trunk (0 …) numbers of 7 digits or more,
# written with or without spaces and hyphens.
PHONE = re.compile(r"(?<![\w+/.:-])(?:\+|00)?\d(?:[ -]?\d){6,14}(?![\w/:-]|\.\d)")
QUERY = re.compile(r"\?[^\s\"']*")
REQUEST_LOGGERS = ("werkzeug", "gunicorn.access")

_original_factory = None


def redact(text: str, request_line: bool = False) -> str:
    """The text without email addresses, phone numbers (and, in request lines,
    query strings)."""
    if request_line:
        text = QUERY.sub("?[…]", text)
    text = EMAIL.sub("[email]", text)
    return PHONE.sub(_phone_or_number, text)


def _phone_or_number(found: re.Match) -> str:
    """Dates and times have separators a phone number does not; a bare run of
    digits is a phone number only if it looks like one."""
    digits = re.sub(r"\D", "", found.group(0))
    written = found.group(0)
    if written.startswith(("+", "00", "0")) and len(digits) >= 7:
        return "[phone]"
    return written


def install_log_privacy() -> None:
    """Clean every log record this process makes from now on (once)."""
    global _original_factory
    if _original_factory is not None:
        return
    _original_factory = logging.getLogRecordFactory()

    def clean_record(*args, **kwargs) -> logging.LogRecord:
        record = _original_factory(*args, **kwargs)
        request_line = record.name.startswith(REQUEST_LOGGERS)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a bad format: logging reports it
            return record
        record.msg = redact(message, request_line)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(
                logging.Formatter().formatException(record.exc_info)
            )
        return record

    logging.setLogRecordFactory(clean_record)


def database_refusal(error) -> str:
    """What a database error says that is safe to log: its kind and the
    constraint, never the row (PostgreSQL quotes the values it refused)."""
    diagnostics = getattr(error, "diag", None)
    constraint = getattr(diagnostics, "constraint_name", None)
    kind = type(error).__name__
    if constraint:
        return f"{kind} ({constraint})"
    # SQLite names the constraint and columns, never the values.
    first_line = str(error).splitlines()[0] if str(error) else ""
    return f"{kind}: {first_line}" if "sqlite" in type(error).__module__ else kind
