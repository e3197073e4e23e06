from django import template

from ideahautomo.profiles.languages import SPOKEN_LANGUAGE_NAMES

register = template.Library()


@register.filter
def spoken_language(code):
    """The name of a spoken language in the reader's language."""
    return SPOKEN_LANGUAGE_NAMES.get(code, code)
