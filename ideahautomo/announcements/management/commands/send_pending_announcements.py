"""Deliver the rest of every announcement still being delivered (a stopped worker or a lost
task): the sweep after a restart. Nobody is told twice, so it is safe to repeat."""

from ideahautomo.announcements import services
from ideahautomo.lib.commands import sweep_command

Command = sweep_command(
    services.announcements_deliver_unfinished, "Announcements finished", help_text=__doc__
)
