"""Stories kept in step with accounts: a deleted account takes the stories about the
person, and their consents, with it; stories a staff member wrote about others stay,
from "Deleted user"."""

from django.dispatch import receiver

from ideahautomo.accounts.signals import user_deleted

from .models import Story


@receiver(user_deleted)
def stories_about_deleted_person_delete(sender, user, **kwargs):
    Story.objects.filter(person=user).delete()
