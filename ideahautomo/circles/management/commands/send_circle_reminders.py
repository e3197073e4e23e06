"""Send the study circle meeting reminders that are due and not yet sent (run from cron,
e.g. every 10 min, beside send_event_reminders). Safe to run at any time and from several
machines: no reminder is sent twice."""

from ideahautomo.circles import session_services
from ideahautomo.lib.commands import sweep_command

Command = sweep_command(
    session_services.session_reminders_send_due,
    "Circle meeting reminders sent",
    help_text=__doc__,
)
