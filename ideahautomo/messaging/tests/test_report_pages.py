"""Reporting from a conversation goes to the one moderation queue: a message as itself,
a person as their profile. Messaging keeps no reports or report list of its own."""

import pytest
from django.urls import NoReverseMatch, reverse

from ideahautomo.messaging import services
from ideahautomo.messaging.models import Block
from ideahautomo.moderation.models import Case, Report

from .helpers import conversation, old_member

pytestmark = pytest.mark.django_db


def test_the_conversation_links_to_reporting_the_person_and_each_message(client_for):
    aino, troll = old_member(), old_member()
    chat = conversation(troll, aino, body="Anna rahaa heti")
    page = client_for(aino).get(reverse("messaging:conversation", args=[chat.pk]))
    content = page.content.decode()
    back = "?next=" + reverse("messaging:conversation", args=[chat.pk])
    person = reverse("moderation:report", args=["profile", troll.pk]) + back
    message = reverse("moderation:report", args=["message", chat.messages.get().pk]) + back
    assert person in content
    assert message in content


def test_reporting_a_message_from_the_conversation(client_for):
    aino, troll = old_member(), old_member()
    chat = conversation(troll, aino, body="Anna rahaa heti")
    message = chat.messages.get()
    client = client_for(aino)
    url = reverse("moderation:report", args=["message", message.pk])
    assert "Anna rahaa heti" in client.get(url).content.decode()
    back = reverse("messaging:conversation", args=[chat.pk])
    response = client.post(url, {"reason": "scam", "details": "Pyytää rahaa", "next": back})
    assert response["Location"] == back
    report = Report.objects.get()
    assert (report.reporter, report.author, report.kind, report.object_id) == (
        aino,
        troll,
        "message",
        message.pk,
    )
    assert report.snapshot == "Anna rahaa heti"
    assert Case.objects.get().state == Case.State.OPEN


def test_reporting_a_person_from_the_conversation(client_for):
    aino, troll = old_member(display_name="Topi Trolli"), old_member()
    chat = conversation(troll, aino)
    back = reverse("messaging:conversation", args=[chat.pk])
    url = reverse("moderation:report", args=["profile", troll.pk])
    response = client_for(aino).post(url, {"reason": "harassment", "next": back})
    assert response["Location"] == back
    case = Case.objects.get()
    assert (case.kind, case.object_id, case.author) == ("profile", troll.pk, troll)


def test_a_message_the_reporter_cannot_see_is_not_found(client_for):
    aino, troll = old_member(), old_member()
    hidden = conversation(troll, old_member(), body="Yksityistä").messages.get()
    url = reverse("moderation:report", args=["message", hidden.pk])
    assert client_for(aino).post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_a_report_needs_a_reason(client_for):
    aino, troll = old_member(), old_member()
    conversation(troll, aino)
    url = reverse("moderation:report", args=["profile", troll.pk])
    response = client_for(aino).post(url, {"reason": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]
    assert not Case.objects.exists()


def test_blocking_stays_in_messaging(client_for):
    aino, troll = old_member(), old_member()
    conversation(troll, aino)
    client_for(aino).post(reverse("messaging:block", args=[troll.pk]))
    assert Block.objects.filter(blocker=aino, blocked=troll).exists()


def test_moderators_see_only_what_was_reported(cast, client_for):
    aino, troll = old_member(), old_member()
    chat = conversation(troll, aino, body="Uhkaava viesti")
    services.message_send(actor=aino, conversation=chat, body="Aino vastasi yksityisesti")
    message = chat.messages.order_by("id").first()
    url = reverse("moderation:report", args=["message", message.pk])
    client_for(aino).post(url, {"reason": "harassment"})
    case = Case.objects.get()
    page = client_for(cast.moderator).get(reverse("moderation:case", args=[case.pk]))
    content = page.content.decode()
    assert "Uhkaava viesti" in content
    assert "Aino vastasi yksityisesti" not in content
    assert reverse("messaging:conversation", args=[chat.pk]) not in content


def test_the_old_report_list_address_leads_to_the_one_queue(cast, client_for):
    response = client_for(cast.moderator).get("/moderointi/ilmoitukset/")
    assert response.status_code == 301
    assert response["Location"] == reverse("moderation:queue")


def test_messaging_has_no_report_pages_left(client_for):
    for name, args in [("messaging:report", [1]), ("messaging:reports", [])]:
        with pytest.raises(NoReverseMatch):
            reverse(name, args=args)
    aino, troll = old_member(), old_member()
    conversation(troll, aino)
    assert client_for(aino).get(f"/viestit/ilmoita/{troll.pk}/").status_code == 404
