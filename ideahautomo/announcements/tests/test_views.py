"""The announcement pages: who may open them, the form with its preview and confirmation,
the text a recipient reads, and query counts at size."""

import pytest
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.models import Municipality
from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.announcements import services
from ideahautomo.announcements.models import Announcement
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check

from .factories import members_create

pytestmark = pytest.mark.django_db

SENDER_PAGE = expect(
    403, guest=LOGIN, contact_person=200, other_contact_person=200, project_manager=200
)
# An announcement to the cast's area: its member received it, its contact person and the
# project manager see it; for everyone else it does not exist.
AREA_ANNOUNCEMENT = expect(404, guest=LOGIN, member=200, contact_person=200, project_manager=200)
# To everyone: every member and every sender reads it.
EVERYONE_ANNOUNCEMENT = expect(
    404,
    guest=LOGIN,
    member=200,
    contact_person=200,
    other_contact_person=200,
    project_manager=200,
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def sent(actor, django_capture_on_commit_callbacks, **overrides):
    values = {"title": "Job-search workshop", "body": "Welcome on **Thursday**!"}
    values.update(overrides)
    with django_capture_on_commit_callbacks(execute=True):
        return services.announcement_send(actor=actor, **values)


@pytest.mark.parametrize("url_name", ["announcements:list", "announcements:create"])
def test_who_may_open_the_staff_pages(cast, client_for, url_name):
    assert_role_table(page_check(client_for, cast.by_role(), reverse(url_name)), SENDER_PAGE)


def test_who_may_post_the_form(cast, client_for):
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse("announcements:create"), method="post"),
        SENDER_PAGE,
    )
    assert not Announcement.objects.exists()


def test_who_may_read_an_announcement_to_one_area(
    cast, client_for, django_capture_on_commit_callbacks
):
    announcement = sent(cast.project_manager, django_capture_on_commit_callbacks, area=cast.area)
    assert_role_table(
        page_check(client_for, cast.by_role(), announcement.get_absolute_url()), AREA_ANNOUNCEMENT
    )


def test_who_may_read_an_announcement_to_everyone(
    cast, client_for, django_capture_on_commit_callbacks
):
    announcement = sent(cast.project_manager, django_capture_on_commit_callbacks)
    assert_role_table(
        page_check(client_for, cast.by_role(), announcement.get_absolute_url()),
        EVERYONE_ANNOUNCEMENT,
    )


def test_a_member_who_was_not_in_the_audience_gets_404(
    cast, client_for, django_capture_on_commit_callbacks
):
    outsider = UserFactory(area=cast.other_area)
    announcement = sent(cast.contact_person, django_capture_on_commit_callbacks, area=cast.area)
    assert client_for(outsider).get(announcement.get_absolute_url()).status_code == 404
    missing = reverse("announcements:detail", args=[announcement.pk + 100])
    assert client_for(cast.project_manager).get(missing).status_code == 404


def test_the_contact_persons_list_shows_their_area_and_everyone_but_not_another_area(
    cast, client_for, django_capture_on_commit_callbacks
):
    UserFactory(area=cast.other_area)
    sent(cast.project_manager, django_capture_on_commit_callbacks, title="To everyone")
    sent(cast.contact_person, django_capture_on_commit_callbacks, area=cast.area, title="Ours")
    sent(
        cast.other_contact_person,
        django_capture_on_commit_callbacks,
        area=cast.other_area,
        title="Theirs",
    )
    page = client_for(cast.contact_person).get(reverse("announcements:list"))
    titles = [a.title for a in page.context["page"].object_list]
    assert titles == ["Ours", "To everyone"]
    everything = client_for(cast.project_manager).get(reverse("announcements:list"))
    assert len(everything.context["page"].object_list) == 3


# The form, the preview and confirmation


def test_the_preview_tells_how_many_it_reaches_and_sends_nothing(cast, client_for):
    members_create(1233, area=cast.area)
    response = client_for(cast.project_manager).post(
        reverse("announcements:create"),
        {"title": "Workshop", "body": "Come **along**", "area": cast.area.pk, "language": ""},
    )
    assert response.status_code == 200
    assert response.context["count"] == 1234
    assert "Tiedote lähtee 1 234 henkilölle." in response.content.decode()
    assert "<strong>along</strong>" in response.content.decode()
    assert not Announcement.objects.exists()


def test_confirming_sends_it_and_leads_to_the_announcement(
    cast, client_for, django_capture_on_commit_callbacks
):
    client = client_for(cast.contact_person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("announcements:create"),
            {"title": "Workshop", "body": "Come along", "confirm": "1"},
        )
    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == announcement.get_absolute_url()
    assert announcement.area == cast.area  # a contact person's own area, always
    assert Notification.objects.filter(
        kind=NotificationKind.ANNOUNCEMENT, recipient=cast.member
    ).exists()
    page = client.get(response["Location"])
    assert "Tiedote on matkalla 1 henkilölle." in page.content.decode()


def test_editing_after_the_preview_shows_the_form_filled_in(cast, client_for):
    response = client_for(cast.project_manager).post(
        reverse("announcements:create"),
        {"title": "Workshop", "body": "Come along", "edit": "1"},
    )
    assert response.templates[0].name == "announcements/announcement_form.html"
    assert response.context["form"]["title"].value() == "Workshop"
    assert not Announcement.objects.exists()


def test_an_empty_audience_says_so_and_sends_nothing(cast, client_for):
    for step in ({}, {"confirm": "1"}):
        response = client_for(cast.project_manager).post(
            reverse("announcements:create"),
            {"title": "Workshop", "body": "Come along", "language": "uk", **step},
        )
        assert response.status_code == 200
        assert "Tiedote ei menisi kenellekään" in response.content.decode()
        assert "confirm" not in response.content.decode()
    assert not Announcement.objects.exists()
    assert not Notification.objects.exists()


def test_the_message_is_in_the_senders_language(cast, client_for):
    client = client_for(cast.project_manager)
    client.cookies["django_language"] = "sv"
    response = client.post(
        reverse("announcements:create"),
        {"title": "Verkstad", "body": "Välkommen", "language": "uk"},
    )
    assert "Ingen skulle få meddelandet" in response.content.decode()


def test_an_empty_title_or_text_is_refused_with_a_clear_message(cast, client_for):
    response = client_for(cast.project_manager).post(
        reverse("announcements:create"), {"title": "  ", "body": "  "}
    )
    assert response.context["form"].errors.keys() == {"title", "body"}
    assert not Announcement.objects.exists()


def test_a_contact_person_cannot_choose_another_areas_municipality(cast, client_for):
    outside = Municipality.objects.exclude(employment_area=cast.area).first()
    UserFactory(area=cast.area, municipality=outside)
    response = client_for(cast.contact_person).post(
        reverse("announcements:create"),
        {
            "title": "Workshop",
            "body": "Come along",
            "municipality": outside.pk,
            "area": cast.other_area.pk,
            "confirm": "1",
        },
    )
    assert "municipality" in response.context["form"].errors
    assert not Announcement.objects.exists()


def test_a_contact_person_can_narrow_to_a_municipality_of_their_area(
    cast, client_for, django_capture_on_commit_callbacks
):
    vantaa = municipality("092")
    vantaa.employment_area = cast.area
    vantaa.save()
    there = UserFactory(area=cast.area, municipality=vantaa)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(cast.contact_person).post(
            reverse("announcements:create"),
            {"title": "Workshop", "body": "Come along", "municipality": vantaa.pk, "confirm": "1"},
        )
    told = Notification.objects.filter(kind=NotificationKind.ANNOUNCEMENT)
    assert list(told.values_list("recipient", flat=True)) == [there.pk]


def test_the_rate_limit_message_is_shown_and_nothing_more_is_sent(cast, client_for):
    client = client_for(cast.project_manager)
    data = {"title": "Workshop", "body": "Come along", "confirm": "1"}
    for _ in range(services.SENDS_PER_DAY):
        assert client.post(reverse("announcements:create"), data).status_code == 302
    response = client.post(reverse("announcements:create"), data)
    assert "enintään 5 tiedotetta päivässä" in response.content.decode()
    assert Announcement.objects.count() == services.SENDS_PER_DAY


# What a recipient reads


def test_the_notification_leads_to_the_sanitised_text(
    cast, client_for, django_capture_on_commit_callbacks
):
    sent(
        cast.project_manager,
        django_capture_on_commit_callbacks,
        body="<img src=x onerror=alert(1)> **Welcome**",
    )
    client = client_for(cast.member)
    listing = client.get(reverse("messaging:notifications")).content.decode()
    assert "Uusi tiedote: Job-search workshop" in listing
    notification = Notification.objects.get(recipient=cast.member)
    page = client.get(reverse("messaging:notification_open", args=[notification.pk]), follow=True)
    body = page.content.decode()
    assert "<strong>Welcome</strong>" in body
    assert "<img" not in body.split("<main", 1)[1]
    assert "Saajia" not in body  # the counts are for staff


# Query counts at size


def test_the_list_costs_the_same_with_many_announcements(
    cast, client_for, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client = client_for(cast.project_manager)
    sent(cast.project_manager, django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("announcements:list"))
    for number in range(25):
        Announcement.objects.create(
            title=f"Tiedote {number}",
            body="x",
            sender=cast.contact_person,
            area=cast.area,
            municipality=municipality("091"),
            language="fi",
        )
    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse("announcements:list"))
    assert len(response.context["page"].object_list) == 26
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_preview_and_the_page_cost_the_same_at_two_thousand_people(
    cast, client_for, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    members_create(2000, area=cast.area)
    announcement = sent(cast.project_manager, django_capture_on_commit_callbacks)
    client = client_for(cast.project_manager)
    with django_assert_max_num_queries(10):
        response = client.post(
            reverse("announcements:create"), {"title": "Workshop", "body": "Come along"}
        )
    assert response.context["count"] == 2001
    with django_assert_max_num_queries(10):
        client.get(announcement.get_absolute_url())
    client.logout()
    member = client_for(cast.member)
    with django_assert_max_num_queries(10):
        response = member.get(announcement.get_absolute_url())
    assert response.status_code == 200
