"""The curated skills, named in every interface language, loaded from data/skills.csv."""

import csv
from pathlib import Path

SKILLS_CSV = Path(__file__).resolve().parent / "data" / "skills.csv"


def curated_skills_load(*, skill_model=None):
    """Create or update the curated skills; free additions with the same key become curated."""
    if skill_model is None:
        from .models import Skill as skill_model
    from .models import skill_key

    with open(SKILLS_CSV, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            skill_model.objects.update_or_create(
                key=skill_key(row["fi"]),
                defaults={
                    "name": row["fi"],
                    "name_fi": row["fi"],
                    "name_sv": row["sv"],
                    "name_en": row["en"],
                    "name_uk": row["uk"],
                    "is_curated": True,
                },
            )
