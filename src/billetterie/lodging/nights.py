"""Nights of a stay in words and in order: « nuit du 25 au 26 juillet », runs of consecutive
nights, the Games periods a host offers beds for. A night is named by its evening's date."""

import datetime as dt
from collections.abc import Iterable

from django.utils import formats, translation

ONE_DAY = dt.timedelta(days=1)


def _day_month(value: dt.date) -> str:
    with translation.override("fr"):
        return formats.date_format(value, "j F")


def night_words(night: dt.date) -> str:
    """« nuit du 25 au 26 juillet », « nuit du 31 juillet au 1er août »."""
    return f"nuit {_span(night, night + ONE_DAY)}"


def stay_words(first: dt.date, last: dt.date) -> str:
    """« 1 nuit, du 25 au 26 juillet » / « 3 nuits, du 25 au 28 juillet »."""
    count = (last - first).days + 1
    return f"{count} nuit{'s' if count > 1 else ''}, {_span(first, last + ONE_DAY)}"


def _month(value: dt.date) -> str:
    return _day_month(value).split(" ", 1)[1]


def _day(value: dt.date) -> str:
    return "1er" if value.day == 1 else str(value.day)


def _span(arrival: dt.date, departure: dt.date) -> str:
    if (arrival.year, arrival.month) == (departure.year, departure.month):
        return f"du {_day(arrival)} au {_day(departure)} {_month(departure)}"
    return f"du {_day(arrival)} {_month(arrival)} au {_day(departure)} {_month(departure)}"


def day_words(value: dt.date) -> str:
    """« 26 juillet », « 1er août »."""
    return f"{_day(value)} {_month(value)}"


def nights_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + ONE_DAY * i for i in range((last - first).days + 1)]


def are_consecutive(nights: Iterable[dt.date]) -> bool:
    ordered = sorted(set(nights))
    return bool(ordered) and (ordered[-1] - ordered[0]).days + 1 == len(ordered)


def games_periods(session_dates: Iterable[tuple[str, dt.date]]) -> list[tuple[str, list[dt.date]]]:
    """Per Games (name, in order of their first night): every night from the eve of its first
    session to the evening of its last one."""
    spans: dict[str, list[dt.date]] = {}
    for name, date in session_dates:
        low, high = spans.get(name, (date, date))
        spans[name] = [min(low, date), max(high, date)]
    periods = [(name, nights_between(low - ONE_DAY, high)) for name, (low, high) in spans.items()]
    return sorted(periods, key=lambda p: p[1][0])
