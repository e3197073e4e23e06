"""Template filter for members' plain-text messages."""

from django import template

from ideahautomo.messaging.text import linkify

register = template.Library()


@register.filter
def message_html(text):
    """Escaped text with web addresses as safe links and line breaks kept."""
    return linkify(text)
