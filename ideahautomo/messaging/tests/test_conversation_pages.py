"""The conversation list, a conversation, its polling endpoint and starting one."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from ideahautomo.messaging import services
from ideahautomo.messaging.models import MESSAGE_MAX_LENGTH, Conversation, Message

from .helpers import conversation, old_member, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


def test_the_list_shows_conversations_newest_first_with_unread_marked(client_for):
    aino, oksana, pekka = old_member(), old_member(display_name="Oksana"), old_member()
    first = conversation(oksana, aino, body="Vanha viesti")
    second = conversation(pekka, aino, body="Uusi viesti")
    services.conversation_mark_read(user=aino, conversation=first)
    response = client_for(aino).get(reverse("messaging:conversations"))
    page = response.context["page"]
    assert [c.pk for c in page.object_list] == [second.pk, first.pk]
    assert [c.is_unread for c in page.object_list] == [True, False]
    assert page.object_list[1].others[0].user.display_name == "Oksana"
    assert b"Uusi viesti" in response.content


def test_the_list_is_paginated(client_for):
    aino = old_member()
    for _ in range(22):
        conversation(old_member(), aino)
    response = client_for(aino).get(reverse("messaging:conversations"), {"sivu": 2})
    assert len(response.context["page"].object_list) == 2


def many_conversations(viewer, count):
    for number in range(count):
        people = [old_member() for _ in range(1 + number % 3)]
        chat = conversation(people[0], viewer, *people[1:], body=f"Viesti {number}")
        send(viewer, chat, "Vastaus")


def test_the_list_takes_the_same_few_queries_however_many_conversations(
    client_for, django_assert_max_num_queries
):
    aino = old_member()
    client = client_for(aino)
    many_conversations(aino, 3)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("messaging:conversations"))
    many_conversations(aino, 20)
    with django_assert_max_num_queries(10) as many:
        client.get(reverse("messaging:conversations"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_conversation_takes_the_same_few_queries_however_many_messages(
    client_for, django_assert_max_num_queries
):
    people = [old_member() for _ in range(5)]
    group = conversation(*people)
    client = client_for(people[0])
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("messaging:conversation", args=[group.pk]))
    for number in range(60):
        Message.objects.create(conversation=group, sender=people[number % 5], body=f"{number}")
    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse("messaging:conversation", args=[group.pk]))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.context["conversation_messages"]) == 50
    assert response.context["has_earlier"]


def test_earlier_messages_are_a_link_away(client_for):
    aino, oksana = old_member(), old_member()
    chat = conversation(aino, oksana, body="Ensimmäinen")
    for number in range(55):
        Message.objects.create(conversation=chat, sender=aino, body=f"Viesti {number}")
    client = client_for(oksana)
    latest = client.get(reverse("messaging:conversation", args=[chat.pk]))
    oldest_shown = latest.context["conversation_messages"][0].pk
    earlier = client.get(reverse("messaging:conversation", args=[chat.pk]), {"ennen": oldest_shown})
    bodies = [m.body for m in earlier.context["conversation_messages"]]
    assert bodies[0] == "Ensimmäinen" and len(bodies) == 6
    assert not earlier.context["has_earlier"] and not earlier.context["polling"]


def test_messages_are_shown_escaped_with_safe_links(client_for):
    aino, oksana = old_member(), old_member()
    chat = conversation(oksana, aino, body="<img src=x onerror=alert(1)> https://example.fi/x")
    content = client_for(aino).get(reverse("messaging:conversation", args=[chat.pk])).content
    assert b"<img src=x" not in content
    assert b"&lt;img src=x onerror=alert(1)&gt;" in content
    assert b'href="https://example.fi/x" rel="nofollow noopener noreferrer"' in content


def test_opening_a_conversation_marks_it_read(client_for):
    aino, oksana = old_member(), old_member()
    chat = conversation(oksana, aino)
    assert services.selectors.unread_counts(aino) == (1, 1)
    client_for(aino).get(reverse("messaging:conversation", args=[chat.pk]))
    assert services.selectors.unread_counts(aino) == (0, 0)


def test_sending_a_reply_returns_to_the_conversation(client_for):
    aino, oksana = old_member(), old_member()
    chat = conversation(oksana, aino)
    response = client_for(aino).post(
        reverse("messaging:conversation", args=[chat.pk]), {"body": "Kiitos!"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("messaging:conversation", args=[chat.pk]))
    assert chat.messages.order_by("id").last().body == "Kiitos!"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Write a message before sending."),
        ("x" * (MESSAGE_MAX_LENGTH + 1), "A message can be at most 5000 characters long"),
    ],
)
def test_an_empty_or_oversized_reply_is_explained(client_for, english, body, error):
    aino, oksana = old_member(), old_member()
    chat = conversation(oksana, aino)
    response = client_for(aino).post(
        reverse("messaging:conversation", args=[chat.pk]), {"body": body}
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert chat.messages.count() == 1


def test_a_blocked_person_is_told_they_cannot_write(client_for, english):
    aino, troll = old_member(), old_member(display_name="Troll")
    chat = conversation(troll, aino)
    services.block_create(actor=aino, blocked=troll)
    response = client_for(troll).post(
        reverse("messaging:conversation", args=[chat.pk]), {"body": "Vastaa!"}
    )
    assert response.status_code == 400
    assert "You cannot send messages to" in response.content.decode()
    assert response.context["form"].errors["body"]


def test_too_many_messages_get_a_clear_message(client_for, english):
    aino, oksana = old_member(), old_member()
    chat = conversation(aino, oksana)
    client = client_for(aino)
    for number in range(services.MESSAGES_PER_WINDOW - 1):
        client.post(reverse("messaging:conversation", args=[chat.pk]), {"body": f"{number}"})
    response = client.post(reverse("messaging:conversation", args=[chat.pk]), {"body": "Taas"})
    assert response.status_code == 400
    assert "Wait a few minutes" in response.content.decode()


# Polling for new messages (htmx every 10 seconds)


def test_the_page_polls_for_messages_after_the_last_one_shown(client_for):
    aino, oksana = old_member(), old_member()
    chat = conversation(oksana, aino)
    last = chat.messages.get()
    content = client_for(aino).get(reverse("messaging:conversation", args=[chat.pk])).content
    poll_url = reverse("messaging:poll", args=[chat.pk]) + f"?jalkeen={last.pk}"
    assert f'hx-get="{poll_url}"'.encode() in content
    assert b'hx-trigger="every 10s"' in content


def test_polling_returns_only_new_messages_and_the_next_poller(client_for):
    aino, oksana = old_member(), old_member()
    chat = conversation(oksana, aino, body="Eka")
    first = chat.messages.get()
    client = client_for(aino)
    url = reverse("messaging:poll", args=[chat.pk])
    assert client.get(url, {"jalkeen": first.pk}, HTTP_HX_REQUEST="true").status_code == 204
    send(oksana, chat, "Toka")
    send(oksana, chat, "Kolmas")
    response = client.get(url, {"jalkeen": first.pk}, HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Eka" not in content and "Toka" in content and "Kolmas" in content
    newest = chat.messages.order_by("-id").first()
    assert re.search(rf'id="message-poller"[^>]*jalkeen={newest.pk}"', content)
    assert 'hx-swap-oob="true"' in content
    assert "<html" not in content  # a fragment, not a page
    assert services.selectors.unread_counts(aino)[0] == 0


def test_polling_takes_few_queries(client_for, django_assert_max_num_queries):
    aino, oksana = old_member(), old_member()
    chat = conversation(oksana, aino)
    for number in range(30):
        Message.objects.create(conversation=chat, sender=oksana, body=f"{number}")
    client = client_for(aino)
    with django_assert_max_num_queries(10):
        client.get(reverse("messaging:poll", args=[chat.pk]), {"jalkeen": 0})


# Starting a conversation


def test_starting_from_a_profile_link(client_for):
    aino, oksana = old_member(), old_member(display_name="Oksana")
    client = client_for(aino)
    url = reverse("messaging:start") + f"?kenelle={oksana.pk}&aihe=Opintopiiri"
    page = client.get(url)
    assert page.context["recipients"] == [oksana]
    assert page.context["form"]["subject"].value() == "Opintopiiri"
    response = client.post(url, {"subject": "Opintopiiri", "body": "Hei Oksana!"})
    chat = Conversation.objects.get()
    assert response["Location"] == reverse("messaging:conversation", args=[chat.pk])
    assert chat.subject == "Opintopiiri"


def test_starting_a_group(client_for):
    aino = old_member()
    others = [old_member() for _ in range(3)]
    query = "&".join(f"kenelle={person.pk}" for person in others)
    response = client_for(aino).post(
        reverse("messaging:start") + "?" + query, {"body": "Hei kaikki!"}
    )
    assert response.status_code == 302
    assert Conversation.objects.get().participants.count() == 4


@pytest.mark.parametrize("who", ["self", "staff", "unknown", "closed", "blocked_me"])
def test_whom_one_cannot_write_to_is_explained(cast, client_for, english, who):
    aino = old_member()
    target = {
        "self": lambda: aino,
        "staff": lambda: cast.moderator,
        "unknown": lambda: None,
        "closed": lambda: old_member(is_active=False),
        "blocked_me": lambda: old_member(),
    }[who]()
    if who == "blocked_me":
        services.block_create(actor=target, blocked=aino)
    url = reverse("messaging:start") + f"?kenelle={target.pk if target else 999999}"
    response = client_for(aino).post(url, {"body": "Hei"})
    assert response.status_code in (200, 400)
    assert not Conversation.objects.exists()
    content = response.content.decode()
    if who == "self":
        assert "You cannot start a conversation with yourself." in content
    else:
        # Staff, closed accounts, people who blocked one and unknown people are not
        # offered at all (test_names_by_id has the whole rule).
        assert response.context["recipients"] == []
        assert "cannot get messages" in content


def test_the_first_day_limit_is_explained(client_for, english):
    from ideahautomo.accounts.tests.factories import UserFactory

    newcomer = UserFactory()
    client = client_for(newcomer)
    for _ in range(services.NEW_MEMBER_STRANGERS):
        client.post(reverse("messaging:start") + f"?kenelle={old_member().pk}", {"body": "Hei"})
    response = client.post(
        reverse("messaging:start") + f"?kenelle={old_member().pk}", {"body": "Hei"}
    )
    assert response.status_code == 400
    assert "On your first day" in response.content.decode()


def test_leaving_a_group(client_for):
    people = [old_member() for _ in range(3)]
    group = conversation(*people)
    client = client_for(people[1])
    response = client.post(reverse("messaging:leave", args=[group.pk]))
    assert response["Location"] == reverse("messaging:conversations")
    assert client.get(reverse("messaging:conversation", args=[group.pk])).status_code == 404


@override_settings(LANGUAGE_CODE="fi")
def test_the_header_shows_unread_counts_in_one_query(client_for, django_assert_num_queries):
    aino, oksana = old_member(), old_member()
    conversation(oksana, aino)
    client = client_for(aino)
    response = client.get(reverse("accounts:settings"))
    content = response.content.decode()
    assert re.search(r'href="/viestit/"[^>]*>[^<]*<span class="count">1<', content)
    assert re.search(r'href="/ilmoitukset/"[^>]*>[^<]*<span class="count">1<', content)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("accounts:settings"))
    header = [q["sql"] for q in queries.captured_queries if "messaging_" in q["sql"]]
    assert len(header) == 1
