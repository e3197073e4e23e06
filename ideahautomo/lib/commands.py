"""Management commands that run one sweep of an app's services: from cron, or after a
restart to finish what a stopped worker left."""

from django.core.management.base import BaseCommand


def sweep_command(sweep, done, *, help_text):
    """The Command class of a management command that runs sweep() and writes
    "<done>: <what sweep returned>"; help_text is what `manage.py help` shows (give the
    command module's docstring)."""

    class Command(BaseCommand):
        help = help_text

        def handle(self, *args, **options):
            self.stdout.write(f"{done}: {sweep()}")

    return Command
