"""Impact tables as CSV for Finnish Excel and as XLSX workbooks.

Figures go out as they are shown on the page: a hidden one is the text "< 5",
never its value. Text that a spreadsheet would run as a formula is defused.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ideahautomo.lib.disclosure import Figure

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_LENGTH = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Figure | str | int]]
    period: str
    area: str


def defuse(text):
    """Text that a spreadsheet would read as a formula, with a leading apostrophe."""
    text = str(text)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def heading_lines(table):
    return [[table.title], [_("Area"), table.area], [_("Period"), table.period]]


def csv_cell(cell):
    if isinstance(cell, Figure):
        if cell.is_published and isinstance(cell.value, float):
            return formats.number_format(cell.value, 1)
        return cell.display
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        return defuse(cell)
    if isinstance(cell, float):
        return formats.number_format(cell, 1)
    return str(cell)


def to_csv(table):
    """One table as semicolon-separated UTF-8 with a byte order mark.

    Decimals follow the active language (a comma in Finnish), as Excel in that
    language expects.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for line in heading_lines(table):
        writer.writerow([defuse(text) for text in line])
    writer.writerow([])
    writer.writerow([defuse(text) for text in table.columns])
    if table.rows:
        for row in table.rows:
            writer.writerow([csv_cell(cell) for cell in row])
    else:
        writer.writerow([_("No data for this period")])
    return out.getvalue().encode("utf-8-sig")


def sheet_names(titles):
    """Names Excel accepts: at most 31 characters, unique, none of []:*?/\\."""
    names = []
    taken = set()
    for number, title in enumerate(titles, start=1):
        base = SHEET_NAME_FORBIDDEN.sub(" ", title)
        base = " ".join(base.split()).strip("'")[:SHEET_NAME_LENGTH].strip()
        base = base or _("Table %(number)s") % {"number": number}
        name = base
        copy = 1
        while name.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            name = base[: SHEET_NAME_LENGTH - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def write_cell(sheet, row, column, cell):
    """Numbers as numbers, hidden figures as the text "< 5", text never as a formula."""
    if isinstance(cell, Figure):
        value = cell.value if cell.is_published else (cell.display or None)
    else:
        value = cell
    target = sheet.cell(row=row, column=column)
    if isinstance(value, bool) or not isinstance(value, int | float | None):
        target.value = str(value)
        # openpyxl takes any text starting with "=" for a formula; keep it text.
        target.data_type = "s"
        if str(value).startswith(FORMULA_STARTS):
            target.quotePrefix = True
    else:
        target.value = value
        if isinstance(value, float):
            target.number_format = "0.0"
    return target


def fill_sheet(sheet, table):
    bold = Font(bold=True)
    lines = heading_lines(table)
    for row, line in enumerate(lines, start=1):
        for column, text in enumerate(line, start=1):
            write_cell(sheet, row, column, text)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    header_row = len(lines) + 2
    for column, text in enumerate(table.columns, start=1):
        write_cell(sheet, header_row, column, text).font = bold
    if table.rows:
        for row, cells in enumerate(table.rows, start=header_row + 1):
            for column, cell in enumerate(cells, start=1):
                write_cell(sheet, row, column, cell)
    else:
        write_cell(sheet, header_row + 1, 1, _("No data for this period"))
    set_column_widths(sheet, header_row)


def set_column_widths(sheet, header_row):
    """Wide enough for the header and the figures; the title may overflow."""
    widths = {}
    for row in sheet.iter_rows(min_row=header_row):
        for cell in row:
            if cell.value is None:
                continue
            text = f"{cell.value:.1f}" if isinstance(cell.value, float) else str(cell.value)
            widths[cell.column] = max(widths.get(cell.column, 0), len(text))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 8), 60)


def to_xlsx(tables):
    """An Excel workbook with one sheet per table."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    if not tables:
        sheet = workbook.create_sheet(_("Table %(number)s") % {"number": 1})
        write_cell(sheet, 1, 1, _("No data for this period"))
    for table, name in zip(tables, sheet_names([t.title for t in tables]), strict=True):
        fill_sheet(workbook.create_sheet(name), table)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
