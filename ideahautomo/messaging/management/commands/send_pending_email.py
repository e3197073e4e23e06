"""Send the notification e-mails that are still waiting (for example after the worker was
stopped mid-queue): the sweep after a restart. E-mails already sent are never sent again,
so it is safe to repeat."""

from ideahautomo.lib.commands import sweep_command
from ideahautomo.messaging import services

Command = sweep_command(services.send_pending_email, "Notification e-mails sent", help_text=__doc__)
