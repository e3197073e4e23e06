"""The notification list, marking read, the choices page and one-click unsubscribe."""

import pytest
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.messaging import selectors, services
from ideahautomo.messaging.models import Delivery, Notification, NotificationKind

from .helpers import committed

pytestmark = pytest.mark.django_db


def notify(recipient, number=0, actor=None, url="/tapahtumat/3/"):
    with committed():
        return services.notify(
            recipient=recipient,
            kind=NotificationKind.EVENT_CHANGE,
            actor=actor,
            text_params={"title": f"Ideariihi {number}"},
            url=url,
        )


def test_the_list_shows_the_persons_own_notifications_newest_first(client_for):
    aino = UserFactory()
    notify(UserFactory(), 99)
    for number in range(3):
        notify(aino, number)
    response = client_for(aino).get(reverse("messaging:notifications"))
    shown = [n.text_params["title"] for n in response.context["page"].object_list]
    assert shown == ["Ideariihi 2", "Ideariihi 1", "Ideariihi 0"]
    assert "Ideariihi 99" not in response.content.decode()


def test_the_list_takes_the_same_few_queries_however_many_notifications(
    client_for, django_assert_max_num_queries
):
    aino = UserFactory()
    client = client_for(aino)
    notify(aino, 0, actor=UserFactory())
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("messaging:notifications"))
    for number in range(40):
        notify(aino, number, actor=UserFactory())
    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse("messaging:notifications"))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.context["page"].object_list) == 30


def test_opening_a_notification_marks_it_read_and_goes_where_it_leads(client_for):
    aino = UserFactory()
    notification = notify(aino)
    response = client_for(aino).get(reverse("messaging:notification_open", args=[notification.pk]))
    assert response["Location"] == "/tapahtumat/3/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_not_found(client_for):
    theirs = notify(UserFactory())
    client = client_for(UserFactory())
    assert client.get(reverse("messaging:notification_open", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("messaging:notification_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_stored_address_elsewhere_never_redirects_there(client_for):
    aino = UserFactory()
    notification = notify(aino)
    Notification.objects.filter(pk=notification.pk).update(url="//evil.example/")
    response = client_for(aino).get(reverse("messaging:notification_open", args=[notification.pk]))
    assert response["Location"] == reverse("messaging:notifications")


def test_mark_one_and_mark_all_read(client_for):
    aino = UserFactory()
    first = notify(aino)
    notify(aino)
    notify(aino)
    client = client_for(aino)
    client.post(reverse("messaging:notification_read", args=[first.pk]))
    assert selectors.unread_counts(aino) == (0, 2)
    client.post(reverse("messaging:notifications_read"))
    assert selectors.unread_counts(aino) == (0, 0)


def test_choosing_how_to_hear_of_each_kind(client_for):
    aino = UserFactory()
    client = client_for(aino)
    page = client.get(reverse("messaging:notification_settings"))
    form = page.context["form"]
    assert set(form.fields) == set(NotificationKind.values)
    assert form["message_reply"].value() == Delivery.IMMEDIATE
    data = dict.fromkeys(NotificationKind.values, Delivery.DIGEST)
    data["event_change"] = Delivery.IN_APP
    response = client.post(reverse("messaging:notification_settings"), data)
    assert response.status_code == 302
    deliveries = selectors.notification_deliveries(aino)
    assert deliveries["event_change"] == Delivery.IN_APP
    assert deliveries["message_reply"] == Delivery.DIGEST


def test_an_unknown_choice_is_refused(client_for):
    response = client_for(UserFactory()).post(
        reverse("messaging:notification_settings"), {"event_change": "carrier-pigeon"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["event_change"]


def test_one_click_unsubscribe_without_signing_in(client):
    aino = UserFactory()
    services.notification_preferences_update(
        user=aino, deliveries={"event_change": Delivery.IMMEDIATE}
    )
    url = reverse(
        "messaging:unsubscribe", args=[services.unsubscribe_token(user=aino, kind="event_change")]
    )
    page = client.get(url)
    assert page.status_code == 200
    assert selectors.delivery_for(aino, "event_change") == Delivery.IMMEDIATE  # GET changes nothing
    # As a mail program does it (RFC 8058): a bare POST, no session, no CSRF token.
    client.handler.enforce_csrf_checks = True
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert selectors.delivery_for(aino, "event_change") == Delivery.IN_APP


@pytest.mark.parametrize("token", ["vaarennetty", "eyJ1IjoxLCJrIjoiaWRlYV9jb21tZW50In0:1:abc"])
def test_a_forged_unsubscribe_link_gets_a_clear_page(client, token):
    client.cookies["django_language"] = "en"
    for method in (client.get, client.post):
        response = method(reverse("messaging:unsubscribe", args=[token]))
        assert response.status_code == 400
        with translation.override("en"):
            assert "This link for stopping e-mails is broken or not valid." in (
                response.content.decode()
            )
