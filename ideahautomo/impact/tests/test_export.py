"""Impact tables go out as CSV and XLSX without revealing a hidden figure."""

import csv
import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import load_workbook

from ideahautomo.impact.export import Table, sheet_names, to_csv, to_xlsx
from ideahautomo.lib.disclosure import Figure, counts, mean, share


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def outcomes(**changes):
    fields = {
        "title": "Outcomes after six months",
        "columns": ["Situation", "People", "Share %", "Mood"],
        "rows": [
            ["Employed", counts(12), share(12, 40), mean(47, 12)],
            ["Started a business", counts(3), share(3, 40), mean(11, 3)],
            ["Still looking", counts(0), share(0, 40), Figure(None)],
        ],
        "period": "1/2026-6/2026",
        "area": "Jyväskylä",
    }
    fields.update(changes)
    return Table(**fields)


def read_csv(data):
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_title_area_period_blank_line_header_and_rows():
    lines = read_csv(to_csv(outcomes()))
    assert lines == [
        ["Outcomes after six months"],
        ["Area", "Jyväskylä"],
        ["Period", "1/2026-6/2026"],
        [],
        ["Situation", "People", "Share %", "Mood"],
        ["Employed", "12", "30.0", "3.9"],
        ["Started a business", "< 5", "hidden", "hidden"],
        ["Still looking", "0", "0.0", ""],
    ]


def test_csv_never_contains_a_hidden_value():
    data = to_csv(outcomes(rows=[["Started a business", counts(3), mean(11, 3)]]))
    text = data.decode("utf-8-sig")
    assert "< 5" in text
    assert "3" not in text.split("\r\n", 5)[-1].replace("< 5", "")


def test_csv_uses_crlf_line_ends_for_excel():
    assert to_csv(outcomes()).count(b"\r\n") == 8


def test_csv_decimals_follow_the_language():
    with translation.override("fi"):
        lines = read_csv(to_csv(outcomes()))
    assert lines[5][2:] == ["30,0", "3,9"]
    assert lines[1][1] == "Jyväskylä"


@pytest.mark.parametrize("text", ["=HYPERLINK(1)", "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_csv_defuses_formulas_in_any_text(text):
    table = outcomes(title=text, area=text, period=text, columns=[text], rows=[[text, counts(7)]])
    lines = read_csv(to_csv(table))
    cells = [cell for line in lines for cell in line]
    assert text not in cells
    assert cells.count("'" + text) == 5
    assert "7" in cells


def test_csv_of_an_empty_table_says_there_is_no_data():
    lines = read_csv(to_csv(outcomes(rows=[])))
    assert lines[4] == ["Situation", "People", "Share %", "Mood"]
    assert lines[5] == ["No data for this period"]


def load(data):
    return load_workbook(io.BytesIO(data))


def test_xlsx_has_a_sheet_per_table_with_heading_bold_header_and_typed_values():
    workbook = load(to_xlsx([outcomes(), outcomes(title="Feedback", rows=[["All", counts(8)]])]))
    assert workbook.sheetnames == ["Outcomes after six months", "Feedback"]
    sheet = workbook["Outcomes after six months"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Outcomes after six months"
    assert rows[1][:2] == ("Area", "Jyväskylä")
    assert rows[2][:2] == ("Period", "1/2026-6/2026")
    assert rows[3] == (None, None, None, None)
    assert rows[4] == ("Situation", "People", "Share %", "Mood")
    assert rows[5] == ("Employed", 12, 30.0, 3.9)
    assert rows[6] == ("Started a business", "< 5", "hidden", "hidden")
    assert rows[7] == ("Still looking", 0, 0.0, None)
    assert all(cell.font.bold for cell in sheet[5])
    assert not sheet["B6"].font.bold
    assert sheet["C6"].number_format == "0.0"
    assert sheet.column_dimensions["A"].width >= len("Started a business")
    assert workbook["Feedback"]["B6"].value == 8


def test_xlsx_keeps_formula_like_text_as_text():
    table = outcomes(title="=1+1", area="@x", columns=["-h"], rows=[["=HYPERLINK(1)", counts(7)]])
    data = to_xlsx([table])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = next(
            archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")
        )
    assert b"<f>" not in sheet_xml
    sheet = load(data).worksheets[0]
    assert sheet["A1"].value == "=1+1"
    assert sheet["A1"].data_type == "s"
    assert sheet["A1"].quotePrefix
    assert sheet["A6"].value == "=HYPERLINK(1)"
    assert sheet["A6"].data_type == "s"


def test_xlsx_of_an_empty_table_is_valid_and_says_there_is_no_data():
    sheet = load(to_xlsx([outcomes(rows=[])])).worksheets[0]
    assert sheet["A6"].value == "No data for this period"


def test_xlsx_without_tables_is_still_a_valid_file():
    workbook = load(to_xlsx([]))
    assert workbook.worksheets[0]["A1"].value == "No data for this period"


def test_sheet_names_are_short_unique_and_allowed():
    titles = [
        "Outcomes [all]: a/b\\c*d?e",
        "A very long title that goes on well past the limit",
        "A very long title that goes on well past the limit",
        "",
        "'quoted'",
    ]
    names = sheet_names(titles)
    assert len({n.casefold() for n in names}) == len(names)
    assert all(1 <= len(n) <= 31 for n in names)
    assert not any(set(n) & set("[]:*?/\\") for n in names)
    assert names[0] == "Outcomes all a b c d e"
    assert names[2].endswith(" (2)")
    assert names[3] == "Table 4"
    assert names[4] == "quoted"
    load(to_xlsx([outcomes(title=t) for t in titles]))
