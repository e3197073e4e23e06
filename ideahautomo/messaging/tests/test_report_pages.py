"""Reporting a member or a message, and the moderators' list of reports."""

import pytest
from django.urls import reverse

from ideahautomo.accounts.models import AuditEvent
from ideahautomo.messaging import services
from ideahautomo.messaging.models import Block, Report

from .helpers import conversation, old_member

pytestmark = pytest.mark.django_db


def test_reporting_a_message_from_the_conversation(client_for):
    aino, troll = old_member(), old_member()
    chat = conversation(troll, aino, body="Anna rahaa heti")
    message = chat.messages.get()
    client = client_for(aino)
    url = reverse("messaging:report", args=[troll.pk]) + f"?viesti={message.pk}"
    page = client.get(url)
    assert page.context["reported_message"] == message
    response = client.post(url, {"reason": "scam", "details": "Pyytää rahaa"})
    assert response["Location"] == reverse("messaging:conversation", args=[chat.pk])
    report = Report.objects.get()
    assert (report.reporter, report.reported_user, report.message) == (aino, troll, message)
    assert report.message_body == "Anna rahaa heti"


def test_a_message_the_reporter_cannot_see_is_not_found(client_for):
    aino, troll = old_member(), old_member()
    hidden = conversation(troll, old_member(), body="Yksityistä").messages.get()
    url = reverse("messaging:report", args=[troll.pk]) + f"?viesti={hidden.pk}"
    assert client_for(aino).post(url, {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_a_report_needs_a_reason(client_for):
    aino, troll = old_member(), old_member()
    conversation(troll, aino)
    response = client_for(aino).post(reverse("messaging:report", args=[troll.pk]), {"reason": ""})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"]


def test_blocking_from_the_report_page(client_for):
    aino, troll = old_member(), old_member()
    client_for(aino).post(reverse("messaging:block", args=[troll.pk]))
    assert Block.objects.filter(blocker=aino, blocked=troll).exists()


def test_moderators_see_only_what_was_reported(cast, client_for):
    aino, troll = old_member(), old_member()
    chat = conversation(troll, aino, body="Uhkaava viesti")
    services.message_send(actor=aino, conversation=chat, body="Aino vastasi yksityisesti")
    message = chat.messages.order_by("id").first()
    services.report_create(actor=aino, reported_user=troll, message=message, reason="harassment")
    response = client_for(cast.moderator).get(reverse("messaging:reports"))
    content = response.content.decode()
    assert "Uhkaava viesti" in content
    assert "Aino vastasi yksityisesti" not in content
    assert reverse("messaging:conversation", args=[chat.pk]) not in content
    assert AuditEvent.objects.filter(actor=cast.moderator, action="reports.viewed").exists()


def test_handled_reports_move_to_their_own_list(cast, client_for):
    report = services.report_create(actor=old_member(), reported_user=old_member(), reason="spam")
    client = client_for(cast.moderator)
    client.post(reverse("messaging:report_handle", args=[report.pk]))
    assert list(client.get(reverse("messaging:reports")).context["page"].object_list) == []
    handled = client.get(reverse("messaging:reports"), {"kasitellyt": "1"})
    assert list(handled.context["page"].object_list) == [report]


def test_the_report_list_takes_the_same_few_queries_however_many_reports(
    cast, client_for, django_assert_max_num_queries
):
    client = client_for(cast.moderator)

    def add(count):
        for _ in range(count):
            Report.objects.create(reporter=old_member(), reported_user=old_member(), reason="spam")

    add(2)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("messaging:reports"))
    add(25)
    with django_assert_max_num_queries(10) as many:
        client.get(reverse("messaging:reports"))
    assert len(many.captured_queries) == len(few.captured_queries)
