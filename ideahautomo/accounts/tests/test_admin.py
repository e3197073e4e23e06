"""Django admin: who reaches it, and the access flags that follow the administrator role."""

import pytest
from django.urls import reverse

from ideahautomo.accounts.models import Role, User

from .factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def change_form_data(response):
    """The POST data of the admin change form as it was rendered, inline rows included."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        if hasattr(value, "pk"):
            value = value.pk
        data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for row in formset.forms:
            if row.instance.pk:
                data[f"{row.prefix}-id"] = row.instance.pk
            for name in row.fields:
                value = row.initial.get(name)
                if value is None:
                    continue
                if hasattr(value, "pk"):
                    value = value.pk
                data[f"{row.prefix}-{name}"] = value
    return data


def test_staff_flag_without_the_administrator_role_still_needs_two_step_sign_in(client):
    flagged = UserFactory(roles=[], is_staff=True, is_superuser=True, authenticator=False)
    client.force_login(flagged)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:two_factor")


def test_removing_the_administrator_role_in_the_admin_removes_admin_access(cast, client_for):
    other = user_with_role(Role.ADMINISTRATOR, email="toinen-yllapito@example.fi")
    assert other.is_staff and other.is_superuser
    client = client_for(cast.administrator)
    url = reverse("admin:accounts_user_change", args=[other.pk])
    data = change_form_data(client.get(url))
    prefix = next(key for key, value in data.items() if value == Role.ADMINISTRATOR)
    data[prefix.replace("-role", "-DELETE")] = "on"

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    other.refresh_from_db()
    assert not other.role_assignments.exists()
    assert (other.is_staff, other.is_superuser) == (False, False)


def test_adding_the_administrator_role_in_the_admin_gives_admin_access(cast, client_for):
    client = client_for(cast.administrator)
    url = reverse("admin:accounts_user_change", args=[cast.moderator.pk])
    data = change_form_data(client.get(url))
    prefix = "role_assignments"
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = total + 1
    data[f"{prefix}-{total}-role"] = Role.ADMINISTRATOR
    data[f"{prefix}-{total}-user"] = cast.moderator.pk

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    moderator = User.objects.get(pk=cast.moderator.pk)
    assert moderator.has_role(Role.ADMINISTRATOR)
    assert (moderator.is_staff, moderator.is_superuser) == (True, True)


def test_the_access_flags_are_read_only_in_the_admin(cast, client_for):
    client = client_for(cast.administrator)
    url = reverse("admin:accounts_user_change", args=[cast.member.pk])
    page = client.get(url)
    assert 'name="is_staff"' not in page.content.decode()
    assert 'name="is_superuser"' not in page.content.decode()

    data = change_form_data(page)
    data.update(is_staff="on", is_superuser="on")
    client.post(url, data)

    cast.member.refresh_from_db()
    assert (cast.member.is_staff, cast.member.is_superuser) == (False, False)


def test_existing_flags_are_derived_from_the_roles_once(cast):
    from importlib import import_module

    from django.apps import apps

    flagged = UserFactory(roles=[], is_staff=True, is_superuser=True)
    User.objects.filter(pk=cast.administrator.pk).update(is_staff=False, is_superuser=False)
    migration = import_module("ideahautomo.accounts.migrations.0004_admin_access_follows_role")

    migration.derive_admin_access(apps, None)

    flagged.refresh_from_db()
    cast.administrator.refresh_from_db()
    assert (flagged.is_staff, flagged.is_superuser) == (False, False)
    assert (cast.administrator.is_staff, cast.administrator.is_superuser) == (True, True)
