"""Streaming the rows of an XLSX workbook with every size bounded: no sheet is ever held whole.

openpyxl reads the small structural parts (content types, workbook, relationships), each refused
above `STRUCTURE_PART_BYTES`. The shared strings, the styles and the sheets are read here with
expat, element by element, without building any tree: memory stays flat whatever the file holds.

- Only the first `width` columns of a row are kept; a cell further right (column XFD…) is skipped.
- Every byte decompressed counts against one budget (`limits.unzipped_bytes`, twice over: a sheet
  is scanned for its merged ranges before its rows are read); the declared sizes are checked first.
- No DOCTYPE is accepted (so no entity expansion, no external entity), the XML may not nest deeper
  than `MAX_DEPTH`, a tag or a text run may not exceed `MAX_TOKEN_BYTES`, a cell `MAX_CELL_CHARS`.
- Merged ranges are clipped to `width`; more than `MAX_MERGED_RANGES` of them is refused.

Cell values are those openpyxl gives: a formula is its text ("=A1+1"), a number styled as a date
is a datetime, booleans are booleans.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from xml.parsers import expat

from billetterie.imports.limits import (
    HEADER_SEARCH_ROWS,
    FileRejected,
    Limits,
    megabytes,
    thousands,
)

MAX_DEPTH = 64
MAX_TOKEN_BYTES = 1024 * 1024
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_MERGED_RANGES = 100_000
MAX_ZIP_ENTRIES = 2_000
STRUCTURE_PART_BYTES = 2 * 1024 * 1024
STYLES_BYTES = 4 * 1024 * 1024
CHUNK = 64 * 1024

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# Element names as expat gives them (namespace_separator "}").
ROW, C, V, F, IS, T, R, SI = (
    f"{MAIN}}}{name}" for name in ("row", "c", "v", "f", "is", "t", "r", "si")
)
NUM_FMT, NUM_FMTS, XF, CELL_XFS = (f"{MAIN}}}{n}" for n in ("numFmt", "numFmts", "xf", "cellXfs"))
MERGE_CELL = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
MAX_SHEET_ROWS = 1_048_576
MAX_SHEET_COLUMNS = 16_384


def _too_big(limit: int) -> FileRejected:
    return FileRejected(
        f"Le classeur dépasse {megabytes(limit)} une fois décompressé (limite) : supprimez les "
        "feuilles, images et lignes inutiles, ou découpez-le en plusieurs fichiers."
    )


def _too_complex(what: str) -> FileRejected:
    return FileRejected(
        f"Le classeur contient {what} : il n'a sans doute pas été enregistré par un tableur "
        "ordinaire. Ouvrez-le dans votre tableur et enregistrez-le de nouveau au format .xlsx."
    )


# --- Bounded expat parsing --------------------------------------------------------------------


class _Budget:
    """Bytes that may still be decompressed for this file."""

    def __init__(self, limit: int):
        self.limit = limit
        self.left = 2 * limit

    def spend(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise _too_big(self.limit)


def _chunks(archive: zipfile.ZipFile, name: str, budget: _Budget) -> Iterator[bytes]:
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            budget.spend(len(chunk))
            yield chunk


def _refuse_doctype(*_args) -> None:
    raise _too_complex("une déclaration de type de document (DOCTYPE)")


class _Handler:
    """Element events by full name ("namespace}local"); subclasses keep what they need.

    Each subclass's `_start` and `_end` are expat's handlers themselves (this is the hot path):
    they keep `path`, the names of the open elements, within `MAX_DEPTH`."""

    def __init__(self):
        self.path: list[str] = []
        self.text: list[str] | None = None  # where character data goes, when it is wanted
        self.text_size = 0

    def _start(self, name: str, attrs: dict) -> None:
        self._enter(name)

    def _end(self, name: str) -> None:
        self.path.pop()

    def _enter(self, name: str) -> None:
        if len(self.path) >= MAX_DEPTH:
            raise _too_complex(f"des éléments imbriqués sur plus de {MAX_DEPTH} niveaux")
        self.path.append(name)

    def _data(self, data: str) -> None:
        if self.text is not None:
            self.text_size += len(data)
            if self.text_size > MAX_CELL_CHARS:
                raise _too_complex(f"une cellule de plus de {thousands(MAX_CELL_CHARS)} caractères")
            self.text.append(data)


def _parse(chunks: Iterator[bytes], handler: _Handler) -> Iterator[None]:
    """Feed `chunks` to expat, yielding after each chunk so that the caller can take results."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartDoctypeDeclHandler = _refuse_doctype
    parser.EntityDeclHandler = _refuse_doctype
    parser.ExternalEntityRefHandler = _refuse_doctype
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.StartElementHandler = handler._start
    parser.EndElementHandler = handler._end
    parser.CharacterDataHandler = handler._data
    run = 0  # bytes since the last ">": one tag or one text run may not grow without bound
    for chunk in chunks:
        first = chunk.find(b">")
        if first < 0:
            run += len(chunk)
        else:
            run += first
            if run <= MAX_TOKEN_BYTES:
                run = len(chunk) - chunk.rfind(b">") - 1
        if run > MAX_TOKEN_BYTES:
            raise _too_complex(f"une balise ou un texte de plus de {megabytes(MAX_TOKEN_BYTES)}")
        parser.Parse(chunk, False)
        yield
    parser.Parse(b"", True)
    yield


# --- Shared strings and styles ----------------------------------------------------------------


class _Strings(_Handler):
    """`<si>` texts as openpyxl gives them: the plain text and the runs' texts, no phonetics."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit
        self.strings: list[str] = []
        self.parts: list[str] = []

    def _start(self, name, attrs):
        self._enter(name)
        path = self.path
        if name == SI and len(path) == 2:
            self.parts, self.text_size = [], 0
        elif name == T and len(path) > 2 and path[-2] in (SI, R) and path[1] == SI:
            self.text = self.parts

    def _end(self, name):
        if name == T:
            self.text = None
        elif name == SI and len(self.path) == 2:
            self.strings.append("".join(self.parts).replace("x005F_", ""))
            if len(self.strings) > self.limit:
                raise FileRejected(
                    f"Le classeur contient plus de {thousands(self.limit)} textes différents "
                    "(limite pour ce type de fichier) : supprimez les feuilles et lignes inutiles, "
                    "ou découpez le fichier."
                )
        self.path.pop()


class _Styles(_Handler):
    """The number format of each cell style, to know which numbers are dates."""

    def __init__(self):
        super().__init__()
        self.custom: dict[int, str] = {}
        self.cell_formats: list[int] = []

    def _start(self, name, attrs):
        self._enter(name)
        parent = self.path[-2] if len(self.path) > 1 else ""
        if name == NUM_FMT and parent == NUM_FMTS:
            self.custom[int(attrs.get("numFmtId", 0))] = attrs.get("formatCode", "")
        elif name == XF and parent == CELL_XFS:
            self.cell_formats.append(int(attrs.get("numFmtId", 0)))

    def formats(self) -> tuple[set[int], set[int]]:
        from openpyxl.styles.numbers import (
            builtin_format_code,
            is_date_format,
            is_timedelta_format,
        )

        dates, durations = set(), set()
        for index, number_format in enumerate(self.cell_formats):
            if number_format in self.custom:
                code = self.custom[number_format]
            else:
                code = builtin_format_code(number_format)
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
        return dates, durations


# --- Sheets -----------------------------------------------------------------------------------


class _Cell:
    __slots__ = ("ref", "kind", "style", "value", "formula", "formula_attrs", "inline")

    def __init__(self, ref: str | None, kind: str, style: int):
        self.ref, self.kind, self.style = ref, kind, style
        self.value: list[str] = []
        self.formula: list[str] | None = None
        self.formula_attrs: dict | None = None
        self.inline: list[str] | None = None


class _Rows(_Handler):
    """Completed rows as (line, the first `width` values), for the rows holding a cell within
    `width` (a row of blank cells too, a row with cells only further right not). A cell further
    right is not read: a shared formula's first cell is never to the right of the cells that
    repeat it. Every element counts against `left`, the workbook's allowance."""

    def __init__(self, book: "Workbook", width: int):
        super().__init__()
        self.book, self.width = book, width
        self.left = book.elements_left
        self.done: list[tuple[int, list]] = []
        self.depth = 0
        self.line = 0
        self.column = 0
        self.in_row = False
        self.values: list | None = None  # made at the row's first cell within `width`
        self.cell: _Cell | None = None
        self.run = False  # inside a rich-text run of an inline string (not a phonetic one)
        self.shared_formulas: dict = {}

    def _start(self, name, attrs):
        depth = self.depth = self.depth + 1
        self.left -= 1
        if self.left < 0:
            raise self.book.too_many_cells()
        if depth > MAX_DEPTH:
            raise _too_complex(f"des éléments imbriqués sur plus de {MAX_DEPTH} niveaux")
        cell = self.cell
        if depth == 4:
            if name == C and self.in_row:
                ref = attrs.get("r")
                column = self.column = _column(ref) if ref else self.column + 1
                if column <= self.width:
                    self.cell = _Cell(ref, attrs.get("t", "n"), int(attrs.get("s") or 0))
                    self.text_size = 0
        elif depth == 3:
            if name == ROW:
                self.line = _row_number(attrs.get("r"), self.line)
                self.column = 0
                self.in_row = True
        elif cell is None:
            return
        elif depth == 5:
            if name == V:
                self.text = cell.value
            elif name == F:
                cell.formula, cell.formula_attrs = [], attrs
                self.text = cell.formula
            elif name == IS:
                cell.inline = []
        elif cell.inline is None:
            return
        elif depth == 6:
            if name == T:
                self.text = cell.inline
            self.run = name == R
        elif depth == 7 and name == T and self.run:
            self.text = cell.inline

    def _end(self, name):
        depth = self.depth
        self.depth -= 1
        if depth == 4:
            cell = self.cell
            if name == C and cell is not None:
                self.cell = None
                if self.values is None:
                    self.values = [None] * self.width
                self.values[self.column - 1] = self.book.value(cell, self)
        elif depth == 3:
            if name == ROW and self.in_row:
                if self.values is not None:
                    self.done.append((self.line, self.values))
                    self.values = None
                self.in_row = False
        elif self.text is not None:
            self.text = None


def _row_number(raw: str | None, previous: int) -> int:
    if raw is None:
        return previous + 1
    try:
        number = int(raw)
    except ValueError:
        decimal = float(raw)  # "12.0", as some writers put it
        if not decimal.is_integer():
            raise
        number = int(decimal)
    if not 0 < number <= MAX_SHEET_ROWS:
        raise ValueError(f"{raw} n'est pas un numéro de ligne")
    return number


def _column(ref: str) -> int:
    """The column of a cell reference such as "B12" or "$XFD$3" (1 for A)."""
    letters = ref.rstrip("0123456789")
    column = COLUMNS.get(letters)
    if column is None:
        column = COLUMNS.get(letters.replace("$", "").upper())
        if column is None:
            raise ValueError(f"{ref} n'est pas une référence de cellule")
    return column


def _columns() -> dict[str, int]:
    """Every column's letters: {"A": 1, …, "XFD": 16384}."""
    columns = {}
    for number in range(1, MAX_SHEET_COLUMNS + 1):
        letters, rest = "", number
        while rest:
            rest, digit = divmod(rest - 1, 26)
            letters = chr(65 + digit) + letters
        columns[letters] = number
    return columns


COLUMNS = _columns()


def _number(text: str) -> int | float:
    return float(text) if "." in text or "e" in text.lower() else int(text)


class Workbook:
    """An XLSX package opened for bounded reading."""

    def __init__(self, content: bytes, limits: Limits):
        from openpyxl.packaging.manifest import Manifest
        from openpyxl.packaging.relationship import get_rels_path
        from openpyxl.reader.excel import _find_workbook_part
        from openpyxl.reader.workbook import WorkbookParser
        from openpyxl.xml.constants import ARC_CONTENT_TYPES, ARC_STYLE, SHARED_STRINGS
        from openpyxl.xml.functions import fromstring

        if content.count(b"PK\x01\x02") > MAX_ZIP_ENTRIES:
            raise _too_complex(f"plus de {thousands(MAX_ZIP_ENTRIES)} fichiers internes")
        self.archive = zipfile.ZipFile(io.BytesIO(content))
        self.sizes = {info.filename: info.file_size for info in self.archive.infolist()}
        if sum(self.sizes.values()) > limits.unzipped_bytes:
            raise _too_big(limits.unzipped_bytes)
        self.budget = _Budget(limits.unzipped_bytes)
        # The cells a sheet may hold: the table's rows and columns (blank ones too). Each
        # element of the sheets' XML counts (a cell is two or three), as does each shared text.
        self.cells = (limits.rows + HEADER_SEARCH_ROWS) * limits.columns
        self.elements_left = 3 * self.cells
        self._structure(ARC_CONTENT_TYPES)
        manifest = Manifest.from_tree(fromstring(self.archive.read(ARC_CONTENT_TYPES)))
        part = _find_workbook_part(manifest).PartName[1:]
        self._structure(part)
        self._structure(get_rels_path(part))
        parser = WorkbookParser(self.archive, part, keep_links=False)
        parser.parse()
        self.epoch = parser.wb.epoch
        self.sheets = [
            rel.target
            for _sheet, rel in parser.find_sheets()
            if rel.target in self.sizes and "chartsheet" not in rel.Type
        ]
        self.strings: list[str] = []
        strings_part = manifest.find(SHARED_STRINGS)
        if strings_part is not None:
            self.strings = self._read(strings_part.PartName[1:], _Strings(self.cells)).strings
        self.dates: set[int] = set()
        self.durations: set[int] = set()
        if ARC_STYLE in self.sizes:
            self._structure(ARC_STYLE, STYLES_BYTES)
            self.dates, self.durations = self._read(ARC_STYLE, _Styles()).formats()

    def _structure(self, name: str, limit: int = STRUCTURE_PART_BYTES) -> None:
        """A part read whole (by openpyxl) or element by element: its size is capped."""
        if self.sizes.get(name, 0) > limit:
            raise _too_complex(f"une partie « {name} » de plus de {megabytes(limit)}")

    def _read(self, name: str, handler):
        for _ in _parse(_chunks(self.archive, name, self.budget), handler):
            pass
        return handler

    def merged_ranges(self, sheet: str, width: int) -> list[tuple[int, int, int, int]]:
        """Merged ranges as (min_col, min_row, max_col, max_row), clipped to `width` columns.

        The sheet's XML is scanned for `<mergeCell ref="…"/>` rather than parsed (the ranges
        come after the rows, and are needed before them)."""
        from openpyxl.utils.cell import range_boundaries

        ranges, seen, tail = [], 0, b""
        for chunk in _chunks(self.archive, sheet, self.budget):
            window = tail + chunk
            found = MERGE_CELL.findall(window) if b"mergeCell" in window else ()
            for ref in found:
                seen += 1
                if seen > MAX_MERGED_RANGES:
                    raise _too_complex(
                        f"plus de {thousands(MAX_MERGED_RANGES)} plages de cellules fusionnées"
                    )
                try:
                    min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
                except (ValueError, TypeError):
                    continue
                if min_col is None or min_row is None or min_col > width:
                    continue
                ranges.append(
                    (min_col, min_row, min(max_col or min_col, width), max_row or min_row)
                )
            cut = window.rfind(b"<")
            # An unfinished tag goes on in the next chunk (a mergeCell tag is short).
            tail = window[cut:] if cut >= 0 and b">" not in window[cut:] else b""
            tail = tail if len(tail) < 256 else b""
        return ranges

    def rows(self, sheet: str, width: int) -> Iterator[tuple[int, list]]:
        """Each row present in the sheet, in order: (line, its first `width` values)."""
        handler = _Rows(self, width)
        try:
            for _ in _parse(_chunks(self.archive, sheet, self.budget), handler):
                yield from handler.done
                handler.done.clear()
        finally:
            self.elements_left = handler.left

    def too_many_cells(self) -> FileRejected:
        return FileRejected(
            f"Les feuilles du classeur comptent plus de {thousands(self.cells)} cellules (limite "
            "pour ce type de fichier, cellules vides mises en forme comprises) : supprimez les "
            "lignes et colonnes inutiles autour du tableau, ou découpez le fichier."
        )

    def value(self, cell: _Cell, rows: _Rows):
        """A cell's value, as openpyxl's worksheet reader gives it (`data_only=False`)."""
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        kind = cell.kind
        if cell.formula is not None:
            return self._formula(cell, rows)
        if kind == "inlineStr":
            return "".join(cell.inline) if cell.inline is not None else None
        raw = "".join(cell.value) or None
        if raw is None:
            return None
        if kind == "n":
            number = _number(raw)
            if cell.style in self.dates:
                try:
                    return from_excel(number, self.epoch, timedelta=cell.style in self.durations)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "s":
            return self.strings[int(raw)]
        if kind == "b":
            return bool(int(raw))
        if kind == "d":
            return from_ISO8601(raw)
        return raw  # "str", "e" (an error such as #N/A)

    def _formula(self, cell: _Cell, rows: _Rows) -> str:
        from openpyxl.formula.translate import Translator

        text = "=" + "".join(cell.formula)
        attrs = cell.formula_attrs or {}
        if attrs.get("t") == "shared" and cell.ref:
            index = attrs.get("si")
            if index in rows.shared_formulas:
                return rows.shared_formulas[index].translate_formula(cell.ref)
            if text != "=":
                rows.shared_formulas[index] = Translator(text, cell.ref)
        return text
