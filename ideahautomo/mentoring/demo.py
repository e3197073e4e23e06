"""Demo mentoring: the demo mentor's offer, a mentoring in progress with the demo member
(about the café idea, with goals and two meetings) and one that has ended with feedback
from both. Invented; running it again changes nothing."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import Municipality, User
from ideahautomo.messaging.models import EmailState, Notification, NotificationKind
from ideahautomo.profiles.models import MentorProfile
from ideahautomo.profiles.services import mentor_profile_update

from . import services
from .models import Mentoring


def _user(local):
    return User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()


def demo_create(*, idea_address=""):
    """idea_address: the demo café idea's page, handed over by the demo command (the
    mentoring app may not read ideas)."""
    mentor, member, other = _user("mentori"), _user("jasen"), _user("mikko")
    if None in (mentor, member, other) or MentorProfile.objects.filter(pk=mentor.pk).exists():
        return
    today = timezone.localdate()
    with transaction.atomic():
        mentor_profile_update(
            actor=mentor,
            skill_names=["liiketoimintasuunnitelma", "yrittäjyys", "kirjanpito", "markkinointi"],
            topic_business=True,
            topic_job_search=True,
            meets_online=True,
            meets_in_person=True,
            municipality=Municipality.objects.get(code="049"),
            capacity=3,
            is_available=True,
        )
        ended = services.mentoring_request(
            actor=other,
            mentor=mentor,
            need="Mietin toiminimen perustamista remonttitöille. Mistä aloittaa?",
        )
        ended = services.mentoring_answer(
            actor=mentor, mentoring=ended, accept=True, answer="Mielelläni! Sovitaan tapaaminen."
        )
        services.mentoring_update(
            actor=mentor,
            mentoring=ended,
            goals="- Selvitä, sopiiko **toiminimi** vai kevytyrittäjyys\n- Hinnoittelu",
        )
        services.meeting_create(
            actor=mentor,
            mentoring=ended,
            date=today - timedelta(days=40),
            notes="Kävimme läpi yritysmuodot ja starttirahan hakemisen.",
        )
        services.mentoring_end(actor=other, mentoring=ended)
        services.feedback_create(
            actor=other, mentoring=ended, mood=5, text="Sain rohkeutta ja selkeät askeleet."
        )
        services.feedback_create(actor=mentor, mentoring=ended, mood=4, text="Hyvä yhteistyö.")

        active = services.mentoring_request(
            actor=member,
            mentor=mentor,
            need="Suunnittelen kahvilaa Kallioon ja tarvitsen apua liiketoimintasuunnitelmaan.",
            idea_address=idea_address,
        )
        active = services.mentoring_answer(
            actor=mentor,
            mentoring=active,
            accept=True,
            answer="Hieno idea, aloitetaan kannattavuuslaskelmasta.",
        )
        services.mentoring_update(
            actor=member,
            mentoring=active,
            goals="1. **Kannattavuuslaskelma** valmiiksi\n2. Vuokrataso selville\n"
            "3. Starttirahahakemus",
            video_link="https://meet.jit.si/Ideahautomo-demo-mentorointi",
        )
        services.meeting_create(
            actor=member,
            mentoring=active,
            date=today - timedelta(days=7),
            notes="Kävimme läpi kustannukset. Seuraavaksi *myyntiarvio*.",
        )
        # The demo sends no e-mail; the mentor has read the notifications of the past.
        kinds = [
            NotificationKind.MENTORING_REQUEST,
            NotificationKind.MENTORING_ACCEPTED,
            NotificationKind.MENTORING_DECLINED,
            NotificationKind.MENTORING_ENDED,
        ]
        Notification.objects.filter(kind__in=kinds).update(email_state=EmailState.NONE)
        Notification.objects.filter(recipient=mentor, kind__in=kinds).update(read_at=timezone.now())
    # Dated back so that the figures of past months show them.
    Mentoring.objects.filter(pk=ended.pk).update(
        created_at=timezone.now() - timedelta(days=75),
        answered_at=timezone.now() - timedelta(days=74),
        ended_at=timezone.now() - timedelta(days=20),
    )
