"""Keep profiles in step with accounts: every member has one, named as they are."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from ideahautomo.accounts.models import User
from ideahautomo.accounts.signals import user_deleted

from . import services
from .models import Profile


@receiver(post_save, sender=User, dispatch_uid="profiles.user_saved")
def user_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    if created:
        services.profile_get_or_create(user=instance)
    elif update_fields is None or "display_name" in update_fields:
        profile = Profile.objects.filter(user=instance).first()
        if profile is not None:
            services.search_terms_refresh(profile=profile)


@receiver(user_deleted, dispatch_uid="profiles.user_deleted")
def user_deleted_receiver(sender, user, **kwargs):
    profile = Profile.objects.filter(user=user).first()
    if profile is not None:
        services.profile_delete(profile=profile)
