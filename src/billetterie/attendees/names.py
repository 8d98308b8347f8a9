"""Folding names for duplicate detection, and checking that a phone number is a French mobile."""

import re
import unicodedata

import phonenumbers

# Mainland France and the overseas départements whose mobiles a group leader may carry.
MOBILE_REGIONS = ("FR", "GP", "MQ", "GF", "RE", "YT")
MOBILE_TYPES = (
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
)


def name_fold(text: str) -> str:
    """Lower case, without accents; hyphens, apostrophes and spaces collapse to one space."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def name_key(*, last_name: str, first_name: str) -> str:
    return f"{name_fold(last_name)}|{name_fold(first_name)}"


def mobile_parse(raw: str) -> phonenumbers.PhoneNumber | None:
    """The number when `raw` is a valid mobile of mainland France or an overseas département."""
    digits = re.sub(r"[\s.\-/()\u00a0]", "", str(raw or ""))
    if not digits:
        return None
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if re.fullmatch(r"[67]\d{8}", digits):
        digits = "0" + digits  # the leading zero a spreadsheet dropped
    regions = (None,) if digits.startswith("+") else MOBILE_REGIONS
    for region in regions:
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            return None
        if (
            phonenumbers.is_valid_number(number)
            and phonenumbers.region_code_for_number(number) in MOBILE_REGIONS
            and phonenumbers.number_type(number) in MOBILE_TYPES
        ):
            return number
    return None


def mobile_normalise(raw: str) -> str:
    """A mobile in French national format (06 12 34 56 78, 06 90 12 34 56); "" when invalid."""
    number = mobile_parse(raw)
    if number is None:
        return ""
    digits = "0" + str(number.national_number)
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def is_mobile(raw: str) -> bool:
    return mobile_parse(raw) is not None
