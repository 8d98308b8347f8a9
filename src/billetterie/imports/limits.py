"""How much of an uploaded file an import reads: every size bounded before it is read.

A spreadsheet is small on disk and may be huge once expanded (a merged range over a whole column,
a million deflated rows, a CSV line of millions of columns). Each import reads at most:

- `rows` data rows (the contract's `max_rows`, or `IMPORT_MAX_ROWS[kind]` in the settings);
- `columns` columns: the contract's own plus `COLUMN_MARGIN` (a header may sit a little to the
  right), never more than `IMPORT_MAX_COLUMNS`; further columns are ignored;
- `line_chars` characters in one CSV line or record (`IMPORT_MAX_LINE_CHARS`);
- `unzipped_bytes` bytes of an XLSX once decompressed (`IMPORT_MAX_UNZIPPED_BYTES`);
- in an XLSX, about (`rows` + `HEADER_SEARCH_ROWS`) × `columns` cells and as many shared texts
  (derived, see `imports.xlsx`): the time spent on a file grows with its limits, not its content;

and refuses a file over a limit with a French message that names the limit and what to do.
A report lists at most `IMPORT_MAX_ERRORS_SHOWN` errors and counts the others (`results`).
"""

from dataclasses import dataclass

from django.conf import settings

HEADER_SEARCH_ROWS = 30  # the header row is looked for in the first lines of a sheet
COLUMN_MARGIN = 20
MAX_COLUMNS = 50
MAX_LINE_CHARS = 100_000
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
MAX_ERRORS_SHOWN = 200


class FileRejected(Exception):
    """The file as a whole cannot be read; the message is French and says what to do."""


def thousands(number: int) -> str:
    """A whole number as French writes it: 399 799 (narrow no-break space)."""
    return f"{number:,}".replace(",", "\u202f")


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} Mo"


@dataclass(frozen=True)
class Limits:
    rows: int
    columns: int
    line_chars: int
    unzipped_bytes: int


def limits_for(contract) -> Limits:
    """The limits of one kind of file, read from the settings at each import."""
    configured = getattr(settings, "IMPORT_MAX_ROWS", None)
    if isinstance(configured, dict):
        rows = configured.get(contract.kind, contract.max_rows)
    elif configured:
        rows = configured
    else:
        rows = contract.max_rows
    hard_cap = int(getattr(settings, "IMPORT_MAX_COLUMNS", MAX_COLUMNS))
    return Limits(
        rows=int(rows),
        columns=min(len(contract.columns) + COLUMN_MARGIN, hard_cap),
        line_chars=int(getattr(settings, "IMPORT_MAX_LINE_CHARS", MAX_LINE_CHARS)),
        unzipped_bytes=int(getattr(settings, "IMPORT_MAX_UNZIPPED_BYTES", MAX_UNZIPPED_BYTES)),
    )


def errors_shown() -> int:
    """How many error messages a report lists; the others are counted."""
    return int(getattr(settings, "IMPORT_MAX_ERRORS_SHOWN", MAX_ERRORS_SHOWN))
