"""Log redaction: personal data (e-mails, phone numbers, dates of birth) never reaches the logs."""

import logging
import re

PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "<e-mail>"),
    # French and overseas numbers: 06 11 22 33 44, 0611223344, +33 6 11 22 33 44, +262 692 12 34 56.
    (
        re.compile(r"(?<![\d+])(?:(?:\+|00)\d{2,3}[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)"),
        "<téléphone>",
    ),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"), "<date>"),
]


def redact(text: str) -> str:
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken format must not hide the record
            return True
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
