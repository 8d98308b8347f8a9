"""Reading an XLSX or CSV file into rows keyed by column, each with its real spreadsheet line.

Cells are read as values, never evaluated: a formula cell gives its formula text. The header row
is found by its column names (case, accents, spaces and punctuation ignored), below any title
rows; a header split over two rows by merged cells ("Référent" above "nom", "e-mail"…) is
understood; a merged cell gives its value to every cell it covers (a town merged down over the
rows of its packs); blank rows are skipped.
"""

import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from billetterie.core.text import fold
from billetterie.imports.cells import is_blank
from billetterie.imports.contracts import Contract

HEADER_SEARCH_ROWS = 30
CSV_DELIMITERS = (";", ",", "\t")
SUPPORTED = (".xlsx", ".csv")
MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")


class FileRejected(Exception):
    """The file as a whole cannot be read; the message is French and says what to do."""


@dataclass
class Row:
    line: int
    values: dict[str, Any]


@dataclass
class Table:
    header_line: int
    rows: list[Row] = field(default_factory=list)


@dataclass
class _HeaderMatch:
    line_index: int
    columns: dict[str, int]
    missing: list[str]


def _header_key(value) -> str:
    """A header cell reduced to letters and digits; a hint in brackets, "(oui/non)", is dropped."""
    if is_blank(value):
        return ""
    return fold(re.sub(r"\(.*?\)", " ", str(value))).replace(" ", "")


def _labels(row: list, parent: list | None, forward_fill_parent: bool) -> list[list[str]]:
    """For each column, the header names it may carry: its own, or under its group's name."""
    parent_filled: list = []
    if parent is not None:
        last = None
        for value in parent:
            if not is_blank(value):
                last = value
            parent_filled.append(last if forward_fill_parent or not is_blank(value) else value)
    result = []
    for index, value in enumerate(row):
        own = _header_key(value)
        above = parent_filled[index] if index < len(parent_filled) else None
        options = [own] if own else []
        if own and not is_blank(above):
            options.append(_header_key(above) + own)
        if not own and parent is not None and index < len(parent) and not is_blank(parent[index]):
            options.append(_header_key(parent[index]))
        result.append(options)
    return result


def _header_match(
    grid: list[tuple[int, list]], contract: Contract, forward_fill_parent: bool
) -> _HeaderMatch | None:
    """The first row holding every required header, else the closest row (for the message)."""
    wanted = {_header_key(column.header): column for column in contract.columns}
    best: _HeaderMatch | None = None
    for index in range(min(len(grid), HEADER_SEARCH_ROWS)):
        parent = grid[index - 1][1] if index > 0 else None
        columns: dict[str, int] = {}
        for position, options in enumerate(_labels(grid[index][1], parent, forward_fill_parent)):
            for option in options:
                column = wanted.get(option)
                if column is not None and column.key not in columns:
                    columns[column.key] = position
                    break
        missing = [c.header for c in contract.columns if c.required and c.key not in columns]
        match = _HeaderMatch(index, columns, missing)
        if best is not None and not best.missing:
            # A complete header was found on the row above: this row wins only if it names more
            # columns (the lower row of a two-row header, with the optional columns).
            return match if not missing and len(columns) > len(best.columns) else best
        if best is None or not missing or len(columns) > len(best.columns):
            best = match
    return best


def _table_from_grid(
    grid: list[tuple[int, list]], contract: Contract, forward_fill_parent: bool
) -> Table:
    match = _header_match(grid, contract, forward_fill_parent)
    expected = ", ".join(f"« {c.header} »" for c in contract.columns)
    if match is None or not match.columns:
        raise FileRejected(
            "Aucune ligne d'en-tête reconnue dans les "
            f"{HEADER_SEARCH_ROWS} premières lignes. Colonnes attendues : {expected}."
        )
    if match.missing:
        line = grid[match.line_index][0]
        absent = ", ".join(f"« {name} »" for name in match.missing)
        raise FileRejected(
            f"ligne {line} : colonne(s) absente(s) de la ligne d'en-tête : {absent}. "
            f"Colonnes attendues : {expected}."
        )
    table = Table(header_line=grid[match.line_index][0])
    for line, cells in grid[match.line_index + 1 :]:
        values = {
            key: (cells[pos] if pos < len(cells) else None) for key, pos in match.columns.items()
        }
        if all(is_blank(value) for value in values.values()):
            continue
        table.rows.append(Row(line=line, values=values))
    return table


# --- XLSX -------------------------------------------------------------------------------------


def _cell_value(cell) -> Any:
    value = cell.value
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, "text"):  # an array formula: keep its text
        return str(value.text)
    return value  # dates, datetimes and times


def _merged_ranges(archive: zipfile.ZipFile, sheet_path: str) -> list[tuple[int, int, int, int]]:
    """Merged cell ranges as (min_col, min_row, max_col, max_row); read-only mode does not give them.

    The sheet's XML is scanned in chunks for `<mergeCell ref="…"/>` rather than parsed, so that no
    XML entity is ever expanded and memory stays flat on large sheets.
    """
    from openpyxl.utils.cell import range_boundaries

    refs: list[str] = []
    tail = b""
    with archive.open(sheet_path) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            refs.extend(ref.decode("ascii", "replace") for ref in MERGE_CELL.findall(window))
            cut = window.rfind(b"<")
            tail = window[cut:] if cut >= 0 and b">" not in window[cut:] else b""
    ranges = []
    for ref in refs:
        try:
            ranges.append(range_boundaries(ref))
        except (ValueError, TypeError):
            continue
    return ranges


def _fill_merges(grid: list[list], ranges) -> None:
    """Every cell of a merged range takes the value shown, the one of its top-left cell."""
    for min_col, min_row, max_col, max_row in ranges:
        if min_row > len(grid):
            continue
        top_left = grid[min_row - 1]
        value = top_left[min_col - 1] if min_col - 1 < len(top_left) else None
        for row_number in range(min_row, min(max_row, len(grid)) + 1):
            row = grid[row_number - 1]
            width = min(max_col, max(len(row), min_col))
            if len(row) < width:
                row.extend([None] * (width - len(row)))
            for col in range(min_col, width + 1):
                if col - 1 < len(row) and (row_number, col) != (min_row, min_col):
                    row[col - 1] = value


def _xlsx_table(content: bytes, contract: Contract) -> Table:
    import openpyxl

    if not content.startswith(b"PK"):
        if _looks_like_text(content):
            raise FileRejected(
                "Ce fichier porte l'extension .xlsx mais contient du texte (sans doute un CSV) : "
                "renommez-le en .csv ou enregistrez-le au format Excel (.xlsx)."
            )
        raise FileRejected("Ce fichier n'est pas un classeur Excel (.xlsx) lisible.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        failure: FileRejected | None = None
        for sheet in workbook.worksheets:
            if not hasattr(sheet, "iter_rows"):
                continue  # a chart sheet
            sheet.reset_dimensions()
            grid = [[_cell_value(cell) for cell in row] for row in sheet.iter_rows(min_row=1)]
            _fill_merges(grid, _merged_ranges(archive, sheet._worksheet_path))
            numbered = list(enumerate(grid, start=1))
            try:
                return _table_from_grid(numbered, contract, forward_fill_parent=False)
            except FileRejected as error:
                failure = failure or error
        workbook.close()
    except FileRejected:
        raise
    except Exception as error:  # any corruption inside the archive: never a server error
        raise FileRejected(
            "Le classeur .xlsx est endommagé ou illisible : ouvrez-le dans votre tableur et "
            "enregistrez-le de nouveau au format .xlsx."
        ) from error
    raise failure or FileRejected("Le classeur ne contient aucune feuille de calcul.")


# --- CSV --------------------------------------------------------------------------------------


def _looks_like_text(content: bytes) -> bool:
    sample = content[:4096]
    return b"\x00" not in sample and not sample.startswith(b"PK")


def _decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if content.startswith(b"\xef\xbb\xbf"):
        candidates = ("utf-8-sig",)
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "cp1252", "latin-1")
    for encoding in candidates:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text
    raise FileRejected("Ce fichier n'est pas un fichier texte CSV lisible.")


def _csv_records(text: str, delimiter: str, limit: int | None = None) -> list[tuple[int, list]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    try:
        for number, record in enumerate(reader, start=1):
            records.append(
                (number, [None if not cell.strip() else cell.strip() for cell in record])
            )
            if limit is not None and number >= limit:
                break
    except csv.Error as error:
        raise FileRejected(
            f"ligne {len(records) + 1} : le fichier CSV est mal formé ({error})."
        ) from error
    return records


def _csv_table(content: bytes, contract: Contract) -> Table:
    if content.startswith(b"PK"):
        raise FileRejected(
            "Ce fichier porte l'extension .csv mais c'est un classeur Excel : renommez-le en .xlsx."
        )
    text = _decode(content)
    # The delimiter is the one under which the header row is found (comma, semicolon or tab).
    best_delimiter, best_score = CSV_DELIMITERS[0], -1
    for delimiter in CSV_DELIMITERS:
        try:
            head = _csv_records(text, delimiter, limit=HEADER_SEARCH_ROWS + 1)
        except FileRejected:
            continue
        match = _header_match(head, contract, forward_fill_parent=True)
        score = -1 if match is None else len(match.columns) + (100 if not match.missing else 0)
        if score > best_score:
            best_delimiter, best_score = delimiter, score
    return _table_from_grid(_csv_records(text, best_delimiter), contract, forward_fill_parent=True)


def table_read(*, name: str, content: bytes, contract: Contract) -> Table:
    """The rows of an uploaded file under `contract`; FileRejected when it cannot be read."""
    suffix = PurePath(name or "").suffix.lower()
    if suffix == ".xls":
        raise FileRejected(
            "L'ancien format .xls n'est pas pris en charge : enregistrez le fichier en .xlsx."
        )
    if suffix not in SUPPORTED:
        shown = f"« {suffix} »" if suffix else "sans extension"
        raise FileRejected(
            f"Format de fichier non pris en charge ({shown}) : envoyez un fichier .xlsx ou .csv."
        )
    if not content or not content.strip():
        raise FileRejected("Le fichier est vide.")
    if suffix == ".xlsx":
        return _xlsx_table(content, contract)
    return _csv_table(content, contract)
