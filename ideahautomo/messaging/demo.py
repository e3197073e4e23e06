"""Demo content of messaging: a conversation between the two demo members, in Finnish, one
between a member and her area's contact person, and a few notifications. Running it again
changes nothing."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import User

from .models import Conversation, Message, Notification, NotificationKind, Participant

CONVERSATION = [
    # (sender's e-mail local part, minutes before now, text)
    (
        "oksana",
        180,
        "Hei Aino! Näin, että olet kiinnostunut suomen kielen opintopiiristä. "
        "Harjoittelen suomea ja etsin keskusteluseuraa.",
    ),
    (
        "jasen",
        170,
        "Hei Oksana! Kiva kuulla. Voisin hyvin auttaa. Tapaammeko kirjastossa torstaina?",
    ),
    (
        "oksana",
        160,
        "Torstai sopii hyvin. Löysin myös tämän sivun: https://www.kielikoulu.example/harjoitukset "
        "- siellä on hyviä harjoituksia.",
    ),
    ("jasen", 150, "Hienoa! Nähdään torstaina kello 14 Tikkurilan kirjastossa."),
    ("oksana", 20, "Kiitos! Otan mukaan kahvia. 😊"),
]


STAFF_CONVERSATION = [
    (
        "yhteyshenkilo",
        60 * 50,
        "Hei Aino! Tervetuloa Ideahautomoon. Jos haluat jutella kevytyrittäjyydestä tai "
        "starttirahasta, kirjoita tänne tai tule TyöParkkiin keskiviikkona.",
    ),
    ("jasen", 60 * 48, "Kiitos! Tulen keskiviikkona ja otan ompelimoideani mukaan."),
    ("yhteyshenkilo", 60 * 47, "Hienoa, nähdään siellä."),
]


def _staff_conversation(aino, now):
    """Aino's conversation with the contact person of her area, all read."""
    contact = User.objects.filter(email=f"yhteyshenkilo@{DEMO_DOMAIN}").first()
    if contact is None:
        return
    people = {"jasen": aino, "yhteyshenkilo": contact}
    conversation, created = Conversation.objects.get_or_create(
        direct_key=Conversation.direct_key_for(aino, contact),
        defaults={
            "subject": "Tervetuloa",
            "created_by": contact,
            "created_at": now - timedelta(minutes=STAFF_CONVERSATION[0][1]),
            "last_message_at": now - timedelta(minutes=STAFF_CONVERSATION[-1][1]),
        },
    )
    if not created:
        return
    for person in (aino, contact):
        Participant.objects.create(conversation=conversation, user=person, last_read_at=now)
    for local, minutes, text in STAFF_CONVERSATION:
        Message.objects.create(
            conversation=conversation,
            sender=people[local],
            body=text,
            created_at=now - timedelta(minutes=minutes),
        )


def demo_create():
    """The demo conversations and notifications, if the demo members exist."""
    people = {
        user.email.split("@")[0]: user
        for user in User.objects.filter(email__in=[f"jasen@{DEMO_DOMAIN}", f"oksana@{DEMO_DOMAIN}"])
    }
    if len(people) < 2:
        return
    aino, oksana = people["jasen"], people["oksana"]
    now = timezone.now()
    with transaction.atomic():
        _staff_conversation(aino, now)
        conversation, created = Conversation.objects.get_or_create(
            direct_key=Conversation.direct_key_for(aino, oksana),
            defaults={
                "subject": "Suomen kielen harjoittelu",
                "created_by": oksana,
                "created_at": now - timedelta(minutes=180),
            },
        )
        if not created:
            return
        for person in (aino, oksana):
            Participant.objects.create(
                conversation=conversation, user=person, last_read_at=now - timedelta(minutes=150)
            )
        Participant.objects.filter(conversation=conversation, user=oksana).update(last_read_at=now)
        for local, minutes, text in CONVERSATION:
            Message.objects.create(
                conversation=conversation,
                sender=people[local],
                body=text,
                created_at=now - timedelta(minutes=minutes),
            )
        Conversation.objects.filter(pk=conversation.pk).update(
            last_message_at=now - timedelta(minutes=20)
        )
        notifications = [
            (NotificationKind.MESSAGE_REPLY, oksana, {}, 20, None),
            (NotificationKind.EVENT_CHANGE, None, {"title": "Ideariihi Tikkurilassa"}, 90, None),
            (
                NotificationKind.CIRCLE_WAITLIST_PROMOTED,
                None,
                {"title": "Suomea arkeen: keskustelupiiri"},
                60 * 26,
                now - timedelta(hours=20),
            ),
            (
                NotificationKind.IDEA_COMMENT,
                oksana,
                {"title": "Yhteinen ompelimo"},
                60 * 30,
                now - timedelta(hours=24),
            ),
        ]
        for kind, actor, params, minutes, read_at in notifications:
            Notification.objects.create(
                recipient=aino,
                kind=kind,
                actor=actor,
                text_params=params,
                target_type="conversation" if kind == NotificationKind.MESSAGE_REPLY else "",
                target_id=str(conversation.pk) if kind == NotificationKind.MESSAGE_REPLY else "",
                url=reverse("messaging:conversation", args=[conversation.pk])
                if kind == NotificationKind.MESSAGE_REPLY
                else "",
                created_at=now - timedelta(minutes=minutes),
                read_at=read_at,
            )
