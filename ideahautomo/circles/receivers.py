"""Circles kept in step with accounts: a deleted account frees its places.

accounts.services.user_delete keeps the user's row (emptied of personal data) and sends
user_deleted at the end of its transaction, after that row is saved: nothing has cascaded,
so the memberships are still there and are taken out here. A user row deleted outright
(say, by an administrator) would cascade its memberships away without lowering the
counts, so the same work runs just before such a deletion too, inside its transaction.
"""

from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from ideahautomo.accounts.models import User
from ideahautomo.accounts.signals import user_deleted

from .models import Circle, CircleInvitation, CircleWish, Membership, SessionAttendance


def circles_leave_all(*, user):
    """Take user out of every circle: each freed place goes to the first on that circle's
    waitlist, who is told. A circle losing its last organiser gets its longest-standing
    member as organiser, who is told, so the circle is never left with nobody to run it.
    The person's wishes for circles and open invitations go too."""
    from . import services

    with transaction.atomic():
        # Circle rows are locked in one order, so that two deletions cannot deadlock.
        circles = list(
            Circle.objects.select_for_update()
            .filter(pk__in=Membership.objects.filter(user=user).values("circle_id"))
            .order_by("pk")
        )
        for circle in circles:
            membership = Membership.objects.filter(circle=circle, user=user).first()
            if membership is None:
                continue
            services.membership_drop(circle, membership)
            if membership.is_organiser:
                _organiser_replace(circle)
        CircleInvitation.objects.filter(invitee=user).delete()
        CircleWish.objects.filter(user=user).delete()


def _organiser_replace(circle):
    """Inside the caller's transaction, with the circle's row locked."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify

    if Membership.objects.filter(circle=circle, is_organiser=True).exists():
        return
    heir = (
        Membership.objects.filter(circle=circle, status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if heir is None:
        return
    heir.is_organiser = True
    heir.save(update_fields=["is_organiser"])
    notify(
        recipient=heir.user,
        kind=NotificationKind.CIRCLE_CHANGE,
        target=circle,
        text_params={"title": circle.name},
        url=circle.get_absolute_url(),
    )


@receiver(user_deleted, dispatch_uid="circles.user_deleted")
def free_the_places_of_a_deleted_account(sender, user, **kwargs):
    """Besides the places: the person's attendance marks go, and the invitations they
    sent stay without their name. Their posts stay for the others, from "Deleted user"."""
    circles_leave_all(user=user)
    SessionAttendance.objects.filter(user=user).delete()
    CircleInvitation.objects.filter(invited_by=user).update(invited_by=None)


@receiver(pre_delete, sender=User, dispatch_uid="circles.user_pre_delete")
def free_the_places_before_a_user_row_goes(sender, instance, **kwargs):
    circles_leave_all(user=instance)
