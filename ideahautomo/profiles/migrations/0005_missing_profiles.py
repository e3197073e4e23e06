"""Every member, mentor and partner who can sign in has a stored profile: the pages read
profiles and no longer make a missing one. Demo history clients, who cannot sign in,
stay without one (see impact.demo_history)."""

import re

from django.db import migrations

COMMUNITY_ROLES = ("member", "mentor", "partner")


def create_missing(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Profile = apps.get_model("profiles", "Profile")
    SearchTerm = apps.get_model("profiles", "SearchTerm")
    users = (
        User.objects.filter(is_active=True, role_assignments__role__in=COMMUNITY_ROLES)
        .exclude(password__startswith="!")
        .filter(profile__isnull=True)
        .distinct()
        .values_list("pk", "display_name")
    )
    for pk, display_name in list(users):
        Profile.objects.create(user_id=pk)
        terms = {word for word in re.split(r"[\s\-]+", display_name.casefold()) if word}
        SearchTerm.objects.bulk_create(
            SearchTerm(profile_id=pk, term=term[:60]) for term in sorted(terms)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_plain_finnish_language"),
        ("profiles", "0004_real_name_label"),
    ]

    operations = [migrations.RunPython(create_missing, migrations.RunPython.noop)]
