"""Form pieces every feature uses: a service's ValidationError put back on the form the
person filled in, and a date and time given in Finnish time."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def add_service_errors(form, error):
    """Field errors go next to their fields; the rest, and errors about fields the
    form does not show, go to the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_submit(form, service, /, **kwargs):
    """When form is valid, service(**kwargs, **form.cleaned_data): the form's fields are
    the service's other arguments. Its ValidationError goes on the form as
    add_service_errors puts it. Returns what the service returned; None when nothing was done."""
    if not form.is_valid():
        return None
    try:
        return service(**kwargs, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def call_service(form, service, /, **kwargs):
    """service(**kwargs), or None with its ValidationError shown at the top of form."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        form.add_error(None, error)
        return None


LOCAL_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker; the value is Finnish local time."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=LOCAL_DATETIME_FORMAT)


class LocalDateTimeField(forms.DateTimeField):
    """A moment given in Finnish time, as the browser's picker or typed by hand."""

    widget = LocalDateTimeInput

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "input_formats", [LOCAL_DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
        )
        kwargs.setdefault("help_text", _("Finnish time, e.g. 2026-03-29T17:30."))
        super().__init__(**kwargs)


class QueryKeysForm(forms.Form):
    """A form read from the address: its fields have English names, and query_keys
    gives the Finnish key each has in the address people see (?kieli=uk&taso=A2)."""

    query_keys = {}

    def add_prefix(self, field_name):
        return super().add_prefix(self.query_keys.get(field_name, field_name))

    def filters(self, filters_class):
        """filters_class made of the form's fields, or its defaults when the address
        holds no valid filters."""
        if self.is_valid():
            return filters_class(**self.cleaned_data)
        return filters_class()
