"""People are found by their profiles, under the directory's rules: only by those who
may browse members, "same circles and ideas" profiles only by their connections, hidden
profiles and staff-only accounts never, and nobody across a block."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import RoleAssignment, User
from ideahautomo.lib.language import content_language
from ideahautomo.profiles.connections import connection_sources
from ideahautomo.profiles.models import Profile
from ideahautomo.profiles.permissions import can_browse_members, has_community_role
from ideahautomo.profiles.selectors import block_sources

from .models import Audience
from .registry import Entry, register_kind
from .text import joined, plain

AUDIENCE_OF_VISIBILITY = {
    Profile.Visibility.MEMBERS: Audience.MEMBERS,
    Profile.Visibility.CONNECTIONS: Audience.RESTRICTED,
}


def person_entries(profile):
    user = profile.user
    audience = AUDIENCE_OF_VISIBILITY.get(profile.visibility)
    if audience is None or not has_community_role(user):
        return []
    body = joined(plain(profile.introduction_html), profile.can_help_with, profile.looking_for)
    return [
        Entry(
            title=user.display_name,
            body=body,
            language=content_language(user.language or "fi"),
            url=profile.get_absolute_url(),
            audience=audience,
            municipality_id=user.municipality_id,
        )
    ]


def people_visible_to(viewer):
    if not can_browse_members(viewer):
        return Q(pk__in=[])
    shown = Q(audience=Audience.MEMBERS)
    for source in connection_sources():
        shown |= Q(audience=Audience.RESTRICTED, object_id__in=source(viewer.pk))
    shown &= ~Q(object_id=viewer.pk)
    for source in block_sources():
        # Sources give querysets of ids: subqueries, no query of their own.
        shown &= ~Q(object_id__in=source(viewer.pk))
    return shown


register_kind(
    "person",
    label=_("People"),
    order=40,
    model=Profile,
    entries=person_entries,
    visible=people_visible_to,
    objects=lambda: Profile.objects.select_related("user").prefetch_related(
        "user__role_assignments"
    ),
    fields=(
        "visibility",
        "introduction",
        "introduction_html",
        "can_help_with",
        "looking_for",
    ),
)

ACCOUNT_FIELDS = {"display_name", "language", "municipality", "is_active"}


def _account_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    """A new name, language, place or a closed account changes the person's entry."""
    if raw or (update_fields is not None and not set(update_fields) & ACCOUNT_FIELDS):
        return
    profile = Profile.objects.filter(user=instance).select_related("user").first()
    if profile is not None:
        from .services import index_object

        index_object("person", profile)


post_save.connect(_account_saved, sender=User, weak=False, dispatch_uid="search-person-account")


def _roles_changed(sender, instance, raw=False, **kwargs):
    """A person who gains or loses the member, mentor or partner role is found or not."""
    if raw:
        return
    profile = Profile.objects.filter(user_id=instance.user_id).select_related("user").first()
    if profile is not None:
        from .services import index_object

        index_object("person", profile)


post_save.connect(
    _roles_changed, sender=RoleAssignment, weak=False, dispatch_uid="search-person-role-saved"
)
post_delete.connect(
    _roles_changed, sender=RoleAssignment, weak=False, dispatch_uid="search-person-role-deleted"
)
