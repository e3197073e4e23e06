"""Create the demo content and accounts; safe to run again."""

from django.core.management.base import BaseCommand
from django.test import override_settings
from django.utils import translation

from ideahautomo.accounts import demo as accounts_demo
from ideahautomo.announcements import demo as announcements_demo
from ideahautomo.circles import demo as circles_demo
from ideahautomo.events import demo as events_demo
from ideahautomo.guides import demo as guides_demo
from ideahautomo.ideas import demo as ideas_demo
from ideahautomo.impact import demo as impact_demo
from ideahautomo.impact import demo_kiosk as kiosk_demo
from ideahautomo.impact.demo_history import demo_history_create
from ideahautomo.impact.figures import refresh_figures
from ideahautomo.mentoring import demo as mentoring_demo
from ideahautomo.messaging import demo as messaging_demo
from ideahautomo.moderation import demo as moderation_demo
from ideahautomo.pages import demo as pages_demo
from ideahautomo.points import demo as points_demo
from ideahautomo.profiles import demo as profiles_demo
from ideahautomo.search.services import reindex as search_reindex
from ideahautomo.services import demo as services_demo
from ideahautomo.stories import demo as stories_demo


class Command(BaseCommand):
    help = (
        "Create realistic Finnish demo content and one demo account of every role. "
        "With --members N, also a synthetic population of N members for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--members",
            type=int,
            default=0,
            help="Bring the synthetic population up to this many members (e.g. 234000).",
        )

    def handle(self, *args, members, **options):
        # The demo's people are new accounts; what they wrote is shown as by established
        # members, not held for a moderator as a new account's links would be.
        with override_settings(MODERATION_HOLD_NEW_ACCOUNT_DAYS=0):
            people = accounts_demo.demo_create()
            profiles_demo.demo_create()
            ideas_demo.demo_create()
            circles_demo.demo_create()
            events_demo.demo_create()
            services_demo.demo_create()
            points_demo.demo_create()
            kiosk_demo.demo_create()
            messaging_demo.demo_create()
            announcements_demo.demo_create()
            guides_demo.demo_create()
            mentoring_demo.demo_create(idea_address=pages_demo.mentoring_idea_address())
            impact_demo.demo_create()
            stories_demo.demo_create(source_addresses=pages_demo.story_source_addresses())
            moderation_demo.demo_create()
            demo_history_create()
        if members:
            log = self.stdout.write
            seconds = accounts_demo.synthetic_members_create(total=members, log=log)
            seconds += profiles_demo.synthetic_profiles_create(log=log)
            seconds += impact_demo.synthetic_check_ins_create(log=log)
            self.stdout.write(f"Synthetic population ready in {seconds:.1f} s.")
        refresh_figures()
        # Everything above is found by search, however it was written (bulk inserts too).
        self.stdout.write(f"Search index: {search_reindex()} documents.")
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {accounts_demo.DEMO_PASSWORD}):")
        with translation.override("en"):
            for email, name, role in people:
                self.stdout.write(f"  {role.label:<18} {email:<44} {name}")
        self.stdout.write(
            "  Contact persons, the project manager and the administrator also give a code from"
        )
        self.stdout.write(
            "  an authenticator app. Add this key to the app by hand (time-based, 6 digits):"
        )
        self.stdout.write(f"  {accounts_demo.demo_authenticator_secret()}")
        self.stdout.write(
            "  DEMO ONLY: this key is as public as the demo password; never use it elsewhere."
        )
        self.stdout.write("")
