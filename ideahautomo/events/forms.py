"""Forms of events: the event itself, registration, feedback and the list filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideahautomo.accounts.models import Municipality, PartnerOrganisation
from ideahautomo.lib.forms import LocalDateTimeField, QueryKeysForm

from .models import Event, Feedback, validate_https
from .selectors import EventFilters
from .services import EVENT_FIELDS


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class EventForm(forms.ModelForm):
    starts_at = LocalDateTimeField(label=_("Starts"))
    ends_at = LocalDateTimeField(label=_("Ends"))
    registration_deadline = LocalDateTimeField(
        label=_("Registration deadline"),
        required=False,
        help_text=_("Finnish time. Leave empty to take registrations until the event starts."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=Event._meta.get_field("online_url").help_text,
    )
    recording_url = forms.URLField(
        label=_("Recording link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        validators=[validate_https],
        error_messages={"invalid": _("Give a secure link that starts with https://.")},
        help_text=Event._meta.get_field("recording_url").help_text,
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.filter(is_active=True).order_by("name_fi"),
        required=False,
    )

    class Meta:
        model = Event
        fields = list(EVENT_FIELDS)  # exactly what services.event_create accepts
        widgets = {"description": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, user, can_choose_organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if can_choose_organisation:
            self.fields["organisation"].queryset = PartnerOrganisation.objects.filter(
                is_active=True
            )
            self.fields["organisation"].help_text = _("Its staff can then manage the event too.")
        else:
            del self.fields["organisation"]
        self.fields["host_organisation"].queryset = PartnerOrganisation.objects.filter(
            is_active=True
        ).order_by("name")
        self.fields["capacity"].help_text = _(
            "Leave empty for no limit. Drop-in hours take no registrations ahead."
        )
        if self.instance.pk is None:
            # A recording exists only after the event: it is added when editing.
            del self.fields["recording_url"]
            del self.fields["recording_public"]

    def _post_clean(self):
        # The service validates the whole event (with its registrations) under a lock.
        pass

    def event_fields(self):
        return {name: self.cleaned_data.get(name) for name in self.fields}


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the event cancelled?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The people registered get this in their notification and e-mail."),
        error_messages={"required": _("Tell the people registered why.")},
    )


class RegistrationForm(forms.Form):
    dietary_needs = forms.CharField(label=_("Dietary needs"), max_length=300, required=False)
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=300,
        required=False,
        help_text=_("For example a wheelchair-accessible place, an interpreter or a quiet seat."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        if not event.ask_dietary_needs:
            del self.fields["dietary_needs"]
        if not event.ask_accessibility_needs:
            del self.fields["accessibility_needs"]


class FeedbackForm(forms.Form):
    mood = forms.TypedChoiceField(
        label=_("How was the event?"),
        choices=Feedback.Mood.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the five faces.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your name is not shown with your feedback."),
    )


class EventFilterForm(QueryKeysForm):
    """The list filters, read from Finnish query parameters."""

    query_keys = {
        "kind": "tyyppi",
        "place": "paikka",
        "date_from": "alkaen",
        "date_to": "asti",
        "free_places": "vapaita",
    }

    kind = forms.ChoiceField(required=False)
    place = forms.CharField(required=False, max_length=10)
    date_from = forms.DateField(required=False)
    date_to = forms.DateField(required=False)
    free_places = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", ""), *Event.Kind.choices]

    def filters(self):
        self.is_valid()  # a bad value is left out; the valid ones still filter
        data = self.cleaned_data
        return EventFilters(
            kind=data.get("kind") or "",
            place=data.get("place") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            free_places=bool(data.get("free_places")),
        )
