"""Reads of announcements: the audience, the staff's list and one announcement."""

from django.db.models import Q

from ideahautomo.accounts.models import Role, User
from ideahautomo.lib.language import interface_languages

from .models import Announcement, AnnouncementDelivery
from .permissions import can_announce_to_everyone


def audience(*, area=None, municipality=None, language=""):
    """The people an announcement with these filters reaches: active accounts that hold the
    member role (staff-only accounts are not its readers), by employment area, municipality
    and the language they use the service in."""
    people = User.objects.filter(is_active=True, role_assignments__role=Role.MEMBER)
    if area is not None:
        people = people.filter(area=area)
    if municipality is not None:
        people = people.filter(municipality=municipality)
    if language:
        # Plain Finnish readers get what is sent to Finnish readers.
        people = people.filter(language__in=interface_languages(language))
    return people


def audience_of(announcement):
    return audience(
        area=announcement.area,
        municipality=announcement.municipality,
        language=announcement.language,
    )


def announcements_for_staff(*, viewer):
    """Everything for the project manager; for a contact person, what went to their area or
    to everyone."""
    announcements = Announcement.objects.select_related("sender", "area", "municipality")
    if can_announce_to_everyone(viewer):
        return announcements
    area = viewer.contact_area
    if area is None:
        return announcements.none()
    return announcements.filter(Q(area=area) | Q(area__isnull=True))


def announcement_for_detail(pk):
    return (
        Announcement.objects.select_related("sender", "area", "municipality").filter(pk=pk).first()
    )


def has_received(user, announcement):
    if not user.is_authenticated:
        return False
    return AnnouncementDelivery.objects.filter(announcement=announcement, user=user).exists()
