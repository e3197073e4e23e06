"""Sign-in by e-mail address, whatever its letter case."""

from django.contrib.auth.backends import ModelBackend

from .models import UserManager


class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        return super().authenticate(
            request, username=UserManager.normalize_email(email or username), password=password
        )
