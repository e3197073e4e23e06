"""What events keep about a person, for their own data download."""

from ideahautomo.accounts.services import register_data_export

from .models import Registration


@register_data_export("event_registrations")
def registrations_export(user):
    return list(
        Registration.objects.filter(user=user).values(
            "event__title",
            "event__starts_at",
            "status",
            "registered_at",
            "dietary_needs",
            "accessibility_needs",
            "attended",
        )
    )
