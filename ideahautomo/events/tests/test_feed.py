"""The personal calendar feed: a secret, revocable link to what the member registered for."""

import pytest
from django.urls import reverse

from ideahautomo.events import selectors, services

from .factories import EventFactory

pytestmark = pytest.mark.django_db


def feed_path(client):
    url = client.get(reverse("events:mine")).context["feed_url"]
    return url.replace("http://testserver", "") if url else None


def test_member_gets_a_feed_of_their_confirmed_events(client_for, cast, client):
    mine = EventFactory(title="Oma tapahtuma")
    waiting = EventFactory(title="Jonossa", capacity=1)
    EventFactory(title="Muiden")
    services.event_register(actor=cast.mentor, event=waiting)
    services.event_register(actor=cast.member, event=mine)
    services.event_register(actor=cast.member, event=waiting)
    member = client_for(cast.member)
    assert feed_path(member) is None
    member.post(reverse("events:feed_manage"), {"action": "enable"})
    path = feed_path(member)
    member.logout()

    response = client.get(path)  # calendar apps do not sign in
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert "SUMMARY:Oma tapahtuma" in body
    assert "Jonossa" not in body and "Muiden" not in body


def test_forged_renewed_and_revoked_links_stop_working_with_a_message(client_for, cast, client):
    member = client_for(cast.member)
    member.post(reverse("events:feed_manage"), {"action": "enable"})
    old = feed_path(member)
    key = old.rstrip("/").split("/")[-1].split(".")[0]
    forged = reverse("events:feed", args=[f"{key}.{'0' * 32}"])
    member.post(reverse("events:feed_manage"), {"action": "renew"})
    new = feed_path(member)
    assert new != old
    assert client.get(new).status_code == 200
    for path in (old, forged, reverse("events:feed", args=["arvattu"])):
        response = client.get(path, HTTP_COOKIE="django_language=en")
        assert response.status_code == 404
        assert "This calendar link does not work" in response.content.decode()
    member.post(reverse("events:feed_manage"), {"action": "revoke"})
    assert client.get(new).status_code == 404
    assert feed_path(member) is None


def test_token_check_refuses_a_signature_of_another_key(cast):
    feed = services.calendar_feed_enable(user=cast.member)
    other = services.calendar_feed_enable(user=cast.mentor)
    token = selectors.calendar_feed_token(feed)
    assert selectors.calendar_feed_by_token(token) == feed
    signature = selectors.calendar_feed_token(other).split(".")[1]
    assert selectors.calendar_feed_by_token(f"{feed.key}.{signature}") is None
    assert selectors.calendar_feed_by_token("") is None
