"""Signals of accounts for the features built on it, which keep their own data in step."""

from django.dispatch import Signal

# Sent inside the transaction that deletes a person's account at their request
# (sender=User, user=the emptied user). Receivers delete what that person wrote about themselves.
user_deleted = Signal()
