"""Loading Finland's municipalities and the employment areas from CSV files."""

import csv
import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

MUNICIPALITIES_CSV = Path(__file__).resolve().parent / "data" / "municipalities.csv"


def municipalities_load(*, path=MUNICIPALITIES_CSV, region_model=None, municipality_model=None):
    """Create or update every municipality of the file; mark the missing ones inactive.

    Takes the models as arguments so that a migration can pass its historical ones.
    Returns (created, updated, deactivated).
    """
    if region_model is None or municipality_model is None:
        from .models import Municipality, Region

        region_model, municipality_model = Region, Municipality
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    created = updated = 0
    with transaction.atomic():
        regions = {}
        for row in rows:
            code = row["region_code"].strip()
            if code not in regions:
                regions[code], _ = region_model.objects.update_or_create(
                    code=code,
                    defaults={
                        "name_fi": row["region_fi"].strip(),
                        "name_sv": row["region_sv"].strip(),
                    },
                )
        existing = {m.code: m for m in municipality_model.objects.all()}
        for row in rows:
            code = row["code"].strip().zfill(3)
            values = {
                "name_fi": row["name_fi"].strip(),
                "name_sv": row["name_sv"].strip(),
                "region": regions[row["region_code"].strip()],
                "is_active": True,
            }
            municipality = existing.get(code)
            if municipality is None:
                municipality_model.objects.create(code=code, **values)
                created += 1
            elif any(getattr(municipality, key) != value for key, value in values.items()):
                for key, value in values.items():
                    setattr(municipality, key, value)
                municipality.save()
                updated += 1
        codes = {row["code"].strip().zfill(3) for row in rows}
        deactivated = (
            municipality_model.objects.exclude(code__in=codes)
            .filter(is_active=True)
            .update(is_active=False)
        )
    return created, updated, deactivated


def employment_areas_load(*, text, is_demo=False):
    """Assign municipalities to employment areas from `area name;municipality code` rows.

    All or nothing: an unknown municipality code anywhere rejects the whole file.
    Returns the number of areas in the file.
    """
    from .models import EmploymentArea, Municipality

    rows = []
    for line_number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=";"), start=1):
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if len(cells) != 2:
            raise ValidationError(f"Line {line_number}: expected 'area name;municipality code'.")
        if line_number == 1 and not cells[1].isdigit():
            continue  # a header row
        rows.append((line_number, cells[0], cells[1].zfill(3)))
    municipalities = Municipality.objects.in_bulk([code for _, _, code in rows], field_name="code")
    unknown = [f"{line}: {code}" for line, _, code in rows if code not in municipalities]
    if unknown:
        raise ValidationError(f"Unknown municipality codes on lines {', '.join(unknown)}.")
    with transaction.atomic():
        areas = {}
        for _, name, code in rows:
            if name not in areas:
                areas[name], _ = EmploymentArea.objects.update_or_create(
                    name=name, defaults={"is_demo": is_demo}
                )
            municipality = municipalities[code]
            municipality.employment_area = areas[name]
            municipality.save(update_fields=["employment_area"])
    return len(areas)
