"""A figure table as CSV (semicolons and decimal commas, as Finnish and
Swedish spreadsheets read it, with a byte-order mark) or as XLSX (numbers as
numbers, so that they can be summed)."""

import csv
import io
from decimal import Decimal

from openpyxl import Workbook

from app.services.metrics.tables import MONEY, SHARE, FigureTable


def _csv_cell(value, kind: str) -> str:
    if value is None:
        return ""
    if kind == MONEY:
        value = Decimal(value).quantize(Decimal("0.01"))
    if isinstance(value, Decimal):
        return f"{value:f}".replace(".", ",")
    return str(value)


def as_csv(table: FigureTable) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(label) for label, _kind in table.columns])
    for row in table.rows:
        kinds = [kind for _label, kind in table.columns]
        writer.writerow([_csv_cell(v, k) for v, k in zip(row, kinds, strict=True)])
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def as_xlsx(table: FigureTable) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.key[:31]
    sheet.append([str(label) for label, _kind in table.columns])
    formats = {MONEY: "#,##0.00 €", SHARE: "0 %"}
    for row in table.rows:
        sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
        for (_label, kind), cell in zip(
            table.columns, sheet[sheet.max_row], strict=True
        ):
            if kind in formats:
                cell.number_format = formats[kind]
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
