"""Django admin access (is_staff, is_superuser) is derived from the administrator role."""

from django.db import migrations


def derive_admin_access(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    RoleAssignment = apps.get_model("accounts", "RoleAssignment")
    administrators = RoleAssignment.objects.filter(role="administrator").values("user_id")
    User.objects.filter(pk__in=administrators).update(is_staff=True, is_superuser=True)
    User.objects.exclude(pk__in=administrators).filter(
        is_staff=True
    ).update(is_staff=False, is_superuser=False)
    User.objects.exclude(pk__in=administrators).filter(
        is_superuser=True
    ).update(is_staff=False, is_superuser=False)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_indexes_for_staff_counts")]

    operations = [migrations.RunPython(derive_admin_access, migrations.RunPython.noop)]
