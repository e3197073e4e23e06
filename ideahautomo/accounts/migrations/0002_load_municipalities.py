from django.db import migrations


def load(apps, schema_editor):
    from ideahautomo.accounts.reference_data import municipalities_load

    municipalities_load(
        region_model=apps.get_model("accounts", "Region"),
        municipality_model=apps.get_model("accounts", "Municipality"),
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
