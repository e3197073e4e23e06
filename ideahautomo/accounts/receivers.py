"""A removed or unconfirmed authenticator ends every session it verified."""

from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from .services import user_sessions_end


@receiver(post_delete, sender=TOTPDevice)
def authenticator_removed(sender, instance, **kwargs):
    if instance.confirmed:
        user_sessions_end(user_id=instance.user_id)


@receiver(pre_save, sender=TOTPDevice)
def authenticator_unconfirmed(sender, instance, **kwargs):
    if instance.pk is None or instance.confirmed:
        return
    if TOTPDevice.objects.filter(pk=instance.pk, confirmed=True).exists():
        user_sessions_end(user_id=instance.user_id)
