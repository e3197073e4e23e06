"""The home page's card that asks a member how they are doing this month."""

from django import template

from ideahautomo.impact import permissions, selectors
from ideahautomo.impact.forms import CheckInForm

register = template.Library()


@register.inclusion_tag("impact/partials/check_in_prompt.html", takes_context=True)
def check_in_prompt(context):
    """Shown to a member who has neither answered nor skipped this month; one query."""
    user = context.get("user")
    due = (
        user is not None and permissions.can_check_in(user) and selectors.check_in_is_due(user=user)
    )
    return {
        "due": due,
        "form": CheckInForm(auto_id="id_home_%s") if due else None,
        "can_skip": True,
        "csrf_token": context.get("csrf_token"),
    }
