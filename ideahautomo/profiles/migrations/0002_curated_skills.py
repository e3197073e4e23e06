from django.db import migrations


def load(apps, schema_editor):
    from ideahautomo.profiles.reference_data import curated_skills_load

    curated_skills_load(skill_model=apps.get_model("profiles", "Skill"))


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
