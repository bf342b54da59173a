"""A period of whole days, and the ratios the figures share."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def first_moment(self) -> datetime:
        return datetime.combine(self.start, time.min)

    @property
    def after_last_moment(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time.min)

    def holds(self, column):
        """The condition that a date or time column falls in the period."""
        if getattr(column.type, "python_type", None) is date:
            return column.between(self.start, self.end)
        return (column >= self.first_moment) & (column < self.after_last_moment)

    @classmethod
    def year_to_date(cls, today: date) -> "Period":
        return cls(date(today.year, 1, 1), today)


def ratio(part, whole, places: str = "0.01") -> Decimal | None:
    """part / whole rounded, or None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal(places))


def month_label(year, month) -> str:
    """A month as the figures name it: 2027-01."""
    return f"{int(year)}-{int(month):02d}"
