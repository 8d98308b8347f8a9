"""Turning spreadsheet cells into values, repairing what spreadsheets do to French data."""

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from billetterie.core.phones import phone_display, phone_parse
from billetterie.core.text import fold

# Day 0 of spreadsheet serial dates (Excel's 1900 system, with its leap-year bug absorbed).
SERIAL_EPOCH = dt.date(1899, 12, 30)
SERIAL_RANGE = (20000, 80000)  # 1954 to 2119: a bare number outside it is not a date

TRUE_WORDS = {"oui", "o", "x", "vrai", "1", "yes", "y", "true"}
FALSE_WORDS = {"non", "n", "faux", "0", "no", "false"}


class CellError(ValueError):
    """A cell's value cannot be used; the message is French and says what was expected."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value, *, max_length: int | None = None) -> str:
    """Any cell as text, as typed: a formula such as =HYPERLINK(…) stays its own text."""
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        result = "oui" if value else "non"
    elif isinstance(value, float) and value.is_integer():
        result = str(int(value))
    elif isinstance(value, dt.datetime):
        result = value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    else:
        result = str(value)
    result = " ".join(result.split())
    if max_length is not None and len(result) > max_length:
        raise CellError(f"texte trop long ({len(result)} caractères, {max_length} au plus)")
    return result


def boolean(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = fold(text(value))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"« {text(value)} » n'est pas une réponse attendue : écrivez oui ou non")


def integer(value, *, minimum: int = 0, maximum: int | None = None) -> int:
    """A whole number; "12,0", 12.0 and "1 200" are accepted."""
    if isinstance(value, bool):
        raise CellError("nombre entier attendu")
    if isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        raw = re.sub(r"[\s\u00a0\u202f]", "", text(value)).replace(",", ".")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise CellError(f"« {text(value)} » n'est pas un nombre entier") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise CellError(f"« {text(value)} » n'est pas un nombre entier")
    result = int(number)
    if result < minimum:
        raise CellError(f"le nombre doit valoir au moins {minimum}")
    if maximum is not None and result > maximum:
        raise CellError(f"le nombre doit valoir au plus {maximum}")
    return result


def _serial_date(number: float) -> dt.date:
    if not SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
        raise CellError(f"« {text(number)} » n'est pas une date : format attendu JJ/MM/AAAA")
    return SERIAL_EPOCH + dt.timedelta(days=int(number))


def date(value) -> dt.date:
    """A date typed as JJ/MM/AAAA, as ISO AAAA-MM-JJ, a real spreadsheet date or a serial number."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial_date(value)
    raw = text(value)
    try:
        match = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})", raw)
        if match:
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year + 2000 if year < 100 else year, month, day)
        match = re.fullmatch(
            r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?", raw
        )
        if match:
            year, month, day = (int(part) for part in match.groups())
            return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"« {raw} » n'est pas une date qui existe") from None
    if re.fullmatch(r"\d{5}(?:[.,]0+)?", raw):
        return _serial_date(int(raw[:5]))
    raise CellError(f"« {raw} » n'est pas une date : format attendu JJ/MM/AAAA")


def dates(value) -> list[dt.date]:
    """A list of dates in one cell, separated by ; , or spaces; sorted, without repeats."""
    if is_blank(value):
        return []
    if not isinstance(value, str):
        return [date(value)]
    parts = [part for part in re.split(r"[;,\s]+", value) if part]
    return sorted({date(part) for part in parts})


def time(value) -> dt.time | None:
    """A time of day: 10:30, 10h30, 10h, a real spreadsheet time or a fraction of a day."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60 % 24, minutes % 60)
    raw = text(value).lower().replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})(?:[:h](\d{2})?(?::\d{2})?)?", raw)
    if match and (":" in raw or "h" in raw):
        hours, minutes = int(match.group(1)), int(match.group(2) or 0)
        if hours < 24 and minutes < 60:
            return dt.time(hours, minutes)
    raise CellError(f"« {text(value)} » n'est pas une heure : format attendu HH:MM")


def postal_code(value) -> str:
    """Five digits; a code that lost its leading zero in a spreadsheet (1000) gets it back."""
    raw = re.sub(r"[\s\u00a0]", "", text(value))
    if re.fullmatch(r"\d+\.0+", raw):
        raw = raw.split(".")[0]
    if re.fullmatch(r"\d{4}", raw):
        raw = "0" + raw
    if not re.fullmatch(r"\d{5}", raw):
        raise CellError(f"« {text(value)} » n'est pas un code postal : cinq chiffres attendus")
    return raw


def email(value) -> str:
    address = text(value).lower()
    try:
        validate_email(address)
    except ValidationError:
        raise CellError(f"« {text(value)} » n'est pas une adresse e-mail valide") from None
    return address


def phone(value) -> str:
    """A phone number in French format (06 11 22 33 44), mainland or overseas; foreign ones in +."""
    raw = text(value)
    number = phone_parse(raw)
    if number is None:
        raise CellError(f"« {raw} » n'est pas un numéro de téléphone valide")
    return phone_display(number)
