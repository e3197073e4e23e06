"""Reading a CSV file of people to invite, with a row-by-row report of its problems.

Accepts UTF-8 with or without a byte order mark (Excel's "CSV UTF-8"), separated
by semicolons (Excel in Finland), commas or tabs. Columns: name, e-mail address
and optionally language (fi, sv, en, uk or fi-x-selko for plain Finnish, or their names);
a header row is recognised and skipped.
"""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import UserManager
from .services import emails_in_use, invitation_problems

HEADER_WORDS = {
    "name",
    "nimi",
    "namn",
    "ім'я",
    "імя",
    "email",
    "e-mail",
    "sähköposti",
    "sähköpostiosoite",
    "e-post",
    "e-postadress",
    "електронна пошта",
    "language",
    "kieli",
    "språk",
    "мова",
}
LANGUAGE_ALIASES = {
    "suomi": "fi",
    "finnish": "fi",
    "svenska": "sv",
    "ruotsi": "sv",
    "swedish": "sv",
    "englanti": "en",
    "english": "en",
    "ukraina": "uk",
    "ukrainian": "uk",
    "українська": "uk",
    "ua": "uk",
    "selkosuomi": "fi-x-selko",
    "selkokieli": "fi-x-selko",
    "selko": "fi-x-selko",
    "plain finnish": "fi-x-selko",
}


@dataclass
class Row:
    line: int
    name: str
    email: str
    language: str
    problems: list = field(default_factory=list)

    def as_dict(self):
        return {"name": self.name, "email": self.email, "language": self.language}


@dataclass
class InvitationFile:
    rows: list
    errors: list  # problems with the file as a whole

    @property
    def problem_rows(self):
        return [row for row in self.rows if row.problems]

    @property
    def is_clean(self):
        return not self.errors and self.rows and not self.problem_rows


def _decode(data):
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _dialect(text):
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    return delimiter if first_line.count(delimiter) else ";"


def _normalise_language(value):
    value = value.strip().lower()
    if not value:
        return settings.LANGUAGE_CODE
    return LANGUAGE_ALIASES.get(value, value)


def read_invitation_file(data):
    """Parse the uploaded bytes and check every row; creates nothing."""
    if len(data) > settings.INVITATION_CSV_MAX_BYTES:
        return InvitationFile(
            rows=[],
            errors=[
                _("The file is too large: at most %(size)d kB is accepted.")
                % {"size": settings.INVITATION_CSV_MAX_BYTES // 1024}
            ],
        )
    text = _decode(data)
    if text is None:
        return InvitationFile(
            rows=[],
            errors=[
                _(
                    "The file is not in UTF-8 encoding. In Excel, choose "
                    "“Save as” and the type “CSV UTF-8”."
                )
            ],
        )
    if "\x00" in text:
        return InvitationFile(rows=[], errors=[_("The file is not a CSV text file.")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text))
    rows = []
    try:
        for line_number, cells in enumerate(reader, start=1):
            cells = [cell.strip() for cell in cells]
            if not any(cells):
                continue
            if line_number == 1 and any(cell.lower() in HEADER_WORDS for cell in cells):
                continue
            rows.append(_row_from_cells(line_number, cells))
            if len(rows) > settings.INVITATION_CSV_MAX_ROWS:
                return InvitationFile(
                    rows=[],
                    errors=[
                        _("The file has more than %(rows)d rows; split it into smaller files.")
                        % {"rows": settings.INVITATION_CSV_MAX_ROWS}
                    ],
                )
    except csv.Error:
        return InvitationFile(rows=[], errors=[_("The file could not be read as CSV.")])
    if not rows:
        return InvitationFile(rows=[], errors=[_("The file has no rows to invite.")])
    _check_rows(rows)
    return InvitationFile(rows=rows, errors=[])


def _row_from_cells(line_number, cells):
    if len(cells) < 2 or len(cells) > 3:
        row = Row(line=line_number, name=" ".join(cells)[:100], email="", language="")
        row.problems.append(
            _("Expected 2 or 3 columns (name, e-mail address, language), found %(count)d.")
            % {"count": len(cells)}
        )
        return row
    name, email = cells[0], UserManager.normalize_email(cells[1])
    language = _normalise_language(cells[2] if len(cells) == 3 else "")
    return Row(line=line_number, name=name, email=email, language=language)


def _check_rows(rows):
    in_use = emails_in_use(row.email for row in rows if row.email)
    first_line_of = {}
    for row in rows:
        if row.problems:
            continue
        if row.email in first_line_of:
            row.problems.append(
                _("The same address is already on line %(line)d.")
                % {"line": first_line_of[row.email]}
            )
            continue
        first_line_of[row.email] = row.line
        row.problems.extend(
            invitation_problems(
                email=row.email, name=row.name, language=row.language, in_use=in_use
            )
        )


def problem_summary(invitation_file):
    count = len(invitation_file.problem_rows)
    return ngettext("%(count)d row has a problem.", "%(count)d rows have problems.", count) % {
        "count": count
    }
