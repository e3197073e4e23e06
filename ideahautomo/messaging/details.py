"""What a notification's e-mail may tell beyond its one line.

A reminder needs the time, the place and the links, yet it is still a notification:
the person's choices and one-click unsubscribe apply. A feature registers, for one
kind, a template pair (`<name>.txt` and `<name>.html`) and a function that gives
its context from the notification; the e-mail then shows that part below the line.
"""

from .models import NotificationKind

_details = {}


def register_email_details(kind, *, template, context):
    """context(notification) -> dict for the template, or None when the subject is gone;
    called only for notifications that have a target."""
    _details[NotificationKind(kind)] = (template, context)


def email_details(notification):
    """The extra context of notification's e-mail: {} when its kind adds nothing."""
    entry = _details.get(notification.kind)
    if entry is None or not notification.target_id:
        return {}
    template, context = entry
    details = context(notification)
    if details is None:
        return {}
    return {
        "details": details,
        "details_text": f"{template}.txt",
        "details_html": f"{template}.html",
    }
