"""A view's one call to a service for a button that posts no form, with the outcome told
to the person on the next page."""

from django.contrib import messages
from django.core.exceptions import ValidationError


def call_and_tell(request, service, success, /, **kwargs):
    """service(**kwargs), then success shown to the person; when the service refuses with
    a ValidationError, its messages are shown instead. Returns whether it was done."""
    try:
        service(**kwargs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, success)
    return True
