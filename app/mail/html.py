"""The HTML part of an email, made from its plain text: the text is escaped,
blank lines make paragraphs and web addresses become links. Both parts say the
same, so a reader whose program shows either misses nothing."""

import re

from flask import render_template
from markupsafe import Markup, escape

_ADDRESS = re.compile(r"https?://[^\s<>\"]+")


def _linked(line: str) -> Markup:
    parts, last = [], 0
    for match in _ADDRESS.finditer(line):
        address = match.group(0)
        parts.append(escape(line[last : match.start()]))
        parts.append(Markup('<a href="{0}">{0}</a>').format(address))
        last = match.end()
    parts.append(escape(line[last:]))
    return Markup("").join(parts)


def paragraphs(text: str) -> list[Markup]:
    """The text's paragraphs as HTML, lines within a paragraph kept apart."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [
        Markup("<br>\n").join(_linked(line) for line in block.splitlines())
        for block in blocks
        if block.strip()
    ]


def html_body(subject: str, text: str, language: str) -> str:
    return render_template(
        "mail/message.html",
        subject=subject,
        paragraphs=paragraphs(text),
        language=language,
    )
