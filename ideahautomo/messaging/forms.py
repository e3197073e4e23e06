"""Forms of messaging; the rules themselves are checked by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import MESSAGE_MAX_LENGTH, Delivery, NotificationKind


class MessageForm(forms.Form):
    # Emptiness and length are the service's rules, so that every way in gives the same message.
    body = forms.CharField(
        label=_("Message"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MESSAGE_MAX_LENGTH}),
        help_text=_("Plain text; web addresses become links."),
    )


class ConversationStartForm(MessageForm):
    subject = forms.CharField(
        label=_("Subject"),
        required=False,
        max_length=120,
        help_text=_("For example the idea or circle you are writing about."),
    )
    field_order = ["subject", "body"]


class NotificationSettingsForm(forms.Form):
    """One choice of delivery for every kind of notification."""

    def __init__(self, *args, deliveries, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in NotificationKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=str(kind.label).capitalize(),
                choices=Delivery.choices,
                initial=deliveries[kind.value],
            )
