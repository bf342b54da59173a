"""A file for the browser: a PDF shown in place, a spreadsheet saved, a
calendar read by a calendar program."""

from flask import Response


def file_response(
    content: bytes, mimetype: str, filename: str, attachment: bool = False
) -> Response:
    disposition = "attachment" if attachment else "inline"
    return Response(
        content,
        mimetype=mimetype,
        headers={"Content-Disposition": f'{disposition}; filename="{filename}"'},
    )
