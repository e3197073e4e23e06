"""Send the invitations still waiting for their first e-mail ten minutes after they were
made (a stopped worker or a lost task): the sweep after a restart. None is sent twice, so
it is safe to repeat."""

from ideahautomo.accounts import services
from ideahautomo.lib.commands import sweep_command

Command = sweep_command(services.invitations_send_lost, "Invitations sent", help_text=__doc__)
