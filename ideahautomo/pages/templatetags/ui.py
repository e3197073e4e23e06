"""Template helpers for accessible forms and links."""

from django import template
from django.http import QueryDict

register = template.Library()


@register.simple_tag
def widget(field, **attrs):
    """Render a field's widget described by its help text and its errors."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for pagination links)."""
    query = context["request"].GET.copy() if "request" in context else QueryDict(mutable=True)
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


NOT_FILTERS = {"sivu", "kuukausi"}


@register.simple_tag(takes_context=True)
def active_filter_count(context):
    """How many filters of a list page's query string are in use (the page number is not one)."""
    if "request" not in context:
        return 0
    query = context["request"].GET
    return sum(
        1
        for key in query
        if key not in NOT_FILTERS and any(value.strip() for value in query.getlist(key))
    )
