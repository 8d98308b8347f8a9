"""Reading an XLSX or CSV file into rows keyed by column, each with its real spreadsheet line.

Cells are read as values, never evaluated: a formula cell gives its formula text. The header row
is found by its column names (case, accents, spaces and punctuation ignored), below any title
rows; a header split over two rows by merged cells ("Référent" above "nom", "e-mail"…) is
understood; a merged cell gives its value to every cell it covers (a town merged down over the
rows of its packs); blank rows are skipped.

Rows are streamed, never held as a grid, and every size is bounded (`imports.limits`): the
columns read, the data rows, a CSV line's length, an XLSX once decompressed. A file over a limit
is refused as soon as the limit is reached, with a French message naming it.
"""

import contextlib
import csv
import itertools
import re
import warnings
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from billetterie.core.text import fold
from billetterie.imports import xlsx
from billetterie.imports.cells import is_blank
from billetterie.imports.contracts import Contract
from billetterie.imports.limits import (
    HEADER_SEARCH_ROWS,
    FileRejected,
    Limits,
    limits_for,
    thousands,
)

__all__ = ["FileRejected", "Row", "Table", "table_read"]

CSV_DELIMITERS = (";", ",", "\t")
SUPPORTED = (".xlsx", ".csv")
NEWLINE = re.compile(r"\r\n|\r|\n")


class _NoHeader(FileRejected):
    """No usable header row in this sheet (another sheet of the workbook may have one)."""


@dataclass
class Row:
    line: int
    values: dict[str, Any]


@dataclass
class Table:
    header_line: int
    rows: list[Row] = field(default_factory=list)
    # The text of the lines above the header (title, notes, a version stamp), 500 characters each.
    preamble: list[str] = field(default_factory=list)


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


def _too_many_rows(limit: int) -> FileRejected:
    shown = thousands(limit)
    return FileRejected(
        f"Le fichier compte plus de {shown} lignes de données (limite pour ce type de fichier) : "
        f"découpez-le en plusieurs fichiers d'au plus {shown} lignes et importez-les l'un après "
        "l'autre."
    )


def _table_from_lines(
    lines: Iterator[tuple[int, list]],
    contract: Contract,
    limits: Limits,
    forward_fill_parent: bool,
) -> Table:
    """The header among the first lines, then every non-blank line below it, up to the limit."""
    head = list(itertools.islice(lines, HEADER_SEARCH_ROWS))
    match = _header_match(head, contract, forward_fill_parent)
    expected = ", ".join(f"« {c.header} »" for c in contract.columns)
    if match is None or not match.columns:
        raise _NoHeader(
            f"Aucune ligne d'en-tête reconnue dans les {HEADER_SEARCH_ROWS} premières lignes "
            f"(et les {limits.columns} premières colonnes). Colonnes attendues : {expected}."
        )
    if match.missing:
        line = head[match.line_index][0]
        absent = ", ".join(f"« {name} »" for name in match.missing)
        raise _NoHeader(
            f"ligne {line} : colonne(s) absente(s) de la ligne d'en-tête : {absent}. "
            f"Colonnes attendues : {expected}."
        )
    table = Table(
        header_line=head[match.line_index][0],
        preamble=[
            " ".join(str(c) for c in cells if not is_blank(c))[:500]
            for _, cells in head[: match.line_index]
        ],
    )
    for line, cells in itertools.chain(head[match.line_index + 1 :], lines):
        values = {
            key: (cells[pos] if pos < len(cells) else None) for key, pos in match.columns.items()
        }
        if all(is_blank(value) for value in values.values()):
            continue
        if len(table.rows) >= limits.rows:
            raise _too_many_rows(limits.rows)
        table.rows.append(Row(line=line, values=values))
    return table


# --- XLSX -------------------------------------------------------------------------------------


class _Merges:
    """Merged ranges applied while the rows stream by: every cell of a range takes the value
    shown, the one of its top-left cell."""

    def __init__(self, ranges):
        self.starting: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for min_col, min_row, max_col, max_row in ranges:
            self.starting[min_row].append((min_col, max_col, max_row))
        self.active: dict[int, tuple[Any, int]] = {}  # column: (value, last line of its range)

    def apply(self, line: int, values: list) -> list:
        for column, (value, last) in list(self.active.items()):
            if line > last:
                del self.active[column]
            else:
                values[column - 1] = value
        for min_col, max_col, max_row in self.starting.pop(line, ()):
            value = values[min_col - 1]
            for column in range(min_col, max_col + 1):
                if column != min_col:
                    values[column - 1] = value
                if max_row > line:
                    self.active[column] = (value, max_row)
        return values


def _xlsx_lines(book: xlsx.Workbook, sheet: str, width: int) -> Iterator[tuple[int, list]]:
    """The sheet's rows in order, merged ranges filled in. The lines of the header zone are all
    given, blank ones too (a two-row header is read on adjacent lines); below it, a line absent
    from the file is blank and is not given."""
    merges = _Merges(book.merged_ranges(sheet, width))
    expected = 1
    for line, values in book.rows(sheet, width):
        if line < expected:
            continue  # a row out of order is ignored, as openpyxl does
        while expected < line and expected <= HEADER_SEARCH_ROWS:
            yield expected, merges.apply(expected, [None] * width)
            expected += 1
        yield line, merges.apply(line, values)
        expected = line + 1


def _xlsx_table(content: bytes, contract: Contract, limits: Limits) -> Table:
    if not content.startswith(b"PK"):
        if _looks_like_text(content):
            raise FileRejected(
                "Ce fichier porte l'extension .xlsx mais contient du texte (sans doute un CSV) : "
                "renommez-le en .csv ou enregistrez-le au format Excel (.xlsx)."
            )
        raise FileRejected("Ce fichier n'est pas un classeur Excel (.xlsx) lisible.")
    failure: FileRejected | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = xlsx.Workbook(content, limits)
            for sheet in book.sheets:
                lines = _xlsx_lines(book, sheet, limits.columns)
                try:
                    return _table_from_lines(lines, contract, limits, forward_fill_parent=False)
                except _NoHeader as error:
                    failure = failure or error
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


class _Lines:
    """The text's lines, endings kept, for the csv module; a record (one line, or several when a
    quoted cell holds line breaks) longer than `limit` characters is refused before it is split
    into cells. `record_done()` is called after each record."""

    def __init__(self, text: str, limit: int):
        self.text, self.limit = text, limit
        self.pending = 0
        self.records = 0

    def record_done(self) -> None:
        self.pending = 0
        self.records += 1

    def __iter__(self) -> Iterator[str]:
        text, start, size = self.text, 0, len(self.text)
        while start < size:
            end = NEWLINE.search(text, start)
            stop = end.end() if end else size
            self.pending += stop - start
            if self.pending > self.limit:
                raise FileRejected(
                    f"ligne {self.records + 1} : la ligne compte plus de {thousands(self.limit)} "
                    "caractères (limite) : ce n'est sans doute pas un tableau. Ouvrez le fichier "
                    "dans votre tableur et enregistrez-le de nouveau au format CSV."
                )
            yield text[start:stop]
            start = stop


def _csv_lines(text: str, delimiter: str, limits: Limits) -> Iterator[tuple[int, list]]:
    """Each record: (its number, its first `limits.columns` cells, stripped, blank as None)."""
    lines = _Lines(text, limits.line_chars)
    reader = csv.reader(iter(lines), delimiter=delimiter)
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileRejected(
                f"ligne {lines.records + 1} : le fichier CSV est mal formé ({error})."
            ) from error
        lines.record_done()
        yield (
            lines.records,
            [None if not cell.strip() else cell.strip() for cell in record[: limits.columns]],
        )


def _csv_table(content: bytes, contract: Contract, limits: Limits) -> Table:
    if content.startswith(b"PK"):
        raise FileRejected(
            "Ce fichier porte l'extension .csv mais c'est un classeur Excel : renommez-le en .xlsx."
        )
    text = _decode(content)
    # The delimiter is the one under which the header row is found (comma, semicolon or tab).
    best_delimiter, best_score = CSV_DELIMITERS[0], -1
    for delimiter in CSV_DELIMITERS:
        head: list[tuple[int, list]] = []
        # A line over a limit ends the look (the full read says so, at its line).
        with contextlib.suppress(FileRejected):
            head.extend(
                itertools.islice(_csv_lines(text, delimiter, limits), HEADER_SEARCH_ROWS + 1)
            )
        match = _header_match(head, contract, forward_fill_parent=True)
        score = -1 if match is None else len(match.columns) + (100 if not match.missing else 0)
        if score > best_score:
            best_delimiter, best_score = delimiter, score
    lines = _csv_lines(text, best_delimiter, limits)
    return _table_from_lines(lines, contract, limits, forward_fill_parent=True)


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
    limits = limits_for(contract)
    if suffix == ".xlsx":
        return _xlsx_table(content, contract, limits)
    return _csv_table(content, contract, limits)
