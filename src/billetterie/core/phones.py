"""Phone numbers of France and its overseas territories: read as typed, checked, written back.

One place for what spreadsheets and forms do to numbers (spaces, dots, a lost leading zero, 00 for
+), used by the imports, the attendee forms and the messages.
"""

import re

import phonenumbers

# Regions tried in turn for a number typed without +, so that 0690…, 0694…, 0696…, 0692… or
# 0639… are recognised.
FRENCH_REGIONS = ("FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC")
# Country calling codes of France and its overseas départements and collectivities.
FRENCH_CALLING_CODES = {33, 262, 269, 508, 590, 594, 596, 681, 687, 689}
# Mainland France and the overseas départements whose mobiles a group leader may carry.
MOBILE_REGIONS = ("FR", "GP", "MQ", "GF", "RE", "YT")
MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)
SEPARATORS = re.compile(r"[\s.\-/()\u00a0]")


def _digits(raw: str) -> str:
    digits = SEPARATORS.sub("", str(raw or ""))
    return "+" + digits[2:] if digits.startswith("00") else digits


def _first_valid(digits: str, regions, accept) -> phonenumbers.PhoneNumber | None:
    if not digits:
        return None
    for region in (None,) if digits.startswith("+") else regions:
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number) and accept(number):
            return number
    return None


def phone_parse(raw: str) -> phonenumbers.PhoneNumber | None:
    """Any valid number: French (mainland or overseas) as typed at home, others with +."""
    digits = _digits(raw)
    if re.fullmatch(r"\d{9}", digits):
        digits = "0" + digits  # the leading zero a spreadsheet dropped
    return _first_valid(digits, FRENCH_REGIONS, lambda number: True)


def mobile_parse(raw: str) -> phonenumbers.PhoneNumber | None:
    """The number when `raw` is a valid mobile of mainland France or an overseas département."""
    digits = _digits(raw)
    if re.fullmatch(r"[67]\d{8}", digits):
        digits = "0" + digits
    return _first_valid(
        digits,
        MOBILE_REGIONS,
        lambda number: (
            phonenumbers.region_code_for_number(number) in MOBILE_REGIONS
            and phonenumbers.number_type(number) in MOBILE_TYPES
        ),
    )


def phone_display(number: phonenumbers.PhoneNumber) -> str:
    """French numbers as people write them (06 11 22 33 44), others in international format."""
    if number.country_code in FRENCH_CALLING_CODES:
        digits = "0" + str(number.national_number)
        return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_e164(number: phonenumbers.PhoneNumber) -> str:
    """The form SMS providers want: +33611223344."""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
