"""Mentorings kept in step with accounts: a deleted account takes its mentorings, their
meetings and feedback, and its mentor profile with it."""

from django.dispatch import receiver

from ideahautomo.accounts.signals import user_deleted

from . import services


@receiver(user_deleted)
def mentorings_of_deleted_person_delete(sender, user, **kwargs):
    services.mentorings_forget(user=user)
