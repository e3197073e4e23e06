"""Send the event reminders that are due and not yet sent (run from cron, e.g. every
10 min). Safe to run at any time and from several machines: no reminder is sent twice."""

from ideahautomo.events import services
from ideahautomo.lib.commands import sweep_command

Command = sweep_command(services.reminders_send_due, "Event reminders sent", help_text=__doc__)
