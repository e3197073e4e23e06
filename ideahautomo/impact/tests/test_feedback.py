"""Service feedback: from every page, for everyone, anonymous unless a member signs it."""

import pytest
from django.urls import reverse

from ideahautomo.accounts import services as account_services
from ideahautomo.impact import services
from ideahautomo.impact.models import ServiceFeedback
from ideahautomo.testing import ROLES

pytestmark = pytest.mark.django_db

FEEDBACK = reverse("impact:feedback")
THANKS = reverse("impact:feedback_thanks")


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_a_guest_gives_anonymous_feedback(client):
    english(client)
    form = client.get(FEEDBACK, {"sivu": "/opintopiirit/"})
    html = form.content.decode()
    assert "Send anonymously" not in html
    assert "Your feedback is anonymous" in html
    assert 'name="page" value="/opintopiirit/"' in html
    response = client.post(
        FEEDBACK,
        {"mood": "4", "text": "  Selkeä palvelu.  ", "page": "/opintopiirit/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == THANKS
    assert "Thank you for your feedback" in response.content.decode()
    feedback = ServiceFeedback.objects.get()
    assert (feedback.user, feedback.area, feedback.mood) == (None, None, 4)
    assert (feedback.text, feedback.page) == ("Selkeä palvelu.", "/opintopiirit/")


def test_a_guest_cannot_sign_feedback(client):
    client.post(FEEDBACK, {"mood": "2", "anonymous": ""})
    feedback = ServiceFeedback.objects.get()
    assert (feedback.user, feedback.area) == (None, None)


def test_a_member_may_sign_feedback_which_keeps_their_area(client_for, cast):
    client = english(client_for(cast.member))
    html = client.get(FEEDBACK).content.decode()
    assert "Send anonymously" in html
    assert 'name="anonymous"' in html and "checked" in html
    client.post(FEEDBACK, {"mood": "5", "text": "Hyvä!"})
    feedback = ServiceFeedback.objects.get()
    assert (feedback.user, feedback.area) == (cast.member, cast.area)


def test_anonymous_feedback_keeps_neither_the_person_nor_the_area(client_for, cast):
    client_for(cast.member).post(FEEDBACK, {"mood": "1", "text": "Huono", "anonymous": "on"})
    feedback = ServiceFeedback.objects.get()
    assert (feedback.user, feedback.area, feedback.mood) == (None, None, 1)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_give_feedback(client_for, cast, role):
    client = client_for(cast.by_role()[role])
    assert client.get(FEEDBACK).status_code == 200
    response = client.post(FEEDBACK, {"mood": "3", "anonymous": "on"})
    assert response.status_code == 302 and response.url == THANKS
    assert client.get(THANKS).status_code == 200
    assert ServiceFeedback.objects.filter(user=None, area=None, mood=3).count() == 1


def test_the_footer_of_every_page_links_to_feedback_with_the_page(client):
    html = client.get(reverse("circles:list")).content.decode()
    assert 'href="/palaute/?sivu=/opintopiirit/"' in html
    assert 'href="/palaute/?sivu=/"' in client.get("/").content.decode()


# Bad input


@pytest.mark.parametrize("mood", ["0", "6", "", "x", "3.5"])
def test_a_mood_outside_the_five_faces_is_refused(client, mood):
    english(client)
    response = client.post(FEEDBACK, {"mood": mood, "text": "Moi"})
    assert response.status_code == 200
    assert response.context["form"].errors["mood"] == ["Choose one of the five faces."]
    assert not ServiceFeedback.objects.exists()


def test_text_longer_than_2000_characters_is_refused(client):
    english(client)
    response = client.post(FEEDBACK, {"mood": "3", "text": "a" * 2001})
    assert "at most 2000 characters" in response.context["form"].errors["text"][0]
    assert not ServiceFeedback.objects.exists()
    client.post(FEEDBACK, {"mood": "3", "text": "a" * 2000})
    assert len(ServiceFeedback.objects.get().text) == 2000


def test_the_service_refuses_too_long_text_and_bad_moods():
    from django.core.exceptions import ValidationError

    for mood, text in [(0, ""), (6, ""), (3, "a" * 2001)]:
        with pytest.raises(ValidationError):
            services.feedback_give(actor=None, mood=mood, text=text)
    assert not ServiceFeedback.objects.exists()


@pytest.mark.parametrize(
    "page",
    [
        "https://huijaus.example/",
        "//huijaus.example/",
        "/\\huijaus.example/",
        "javascript:alert(1)",
        "/ideat/?q=<script>",
        "/" + "a" * 200,
        "ideat/",
        "/ideat/ ja muuta",
    ],
)
def test_an_unsafe_page_is_not_kept(client, page):
    client.post(FEEDBACK, {"mood": "3", "page": page})
    assert ServiceFeedback.objects.get().page == ""
    html = client.get(FEEDBACK, {"sivu": page}).content.decode()
    assert 'name="page" value=""' in html or 'name="page" id' in html


@pytest.mark.parametrize(
    "page", ["/", "/ideat/12/", "/tapahtumat/2026-11/", "/ohje/k%C3%A4ytt%C3%B6/"]
)
def test_a_path_on_this_site_is_kept(page):
    assert services.page_clean(page) == page


def test_text_is_stored_as_written_and_always_escaped(client):
    english(client)
    text = "<script>alert('hei')</script> **lihava**"
    response = client.post(FEEDBACK, {"mood": "9", "text": text})
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    client.post(FEEDBACK, {"mood": "2", "text": text})
    assert ServiceFeedback.objects.get().text == text


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client):
    response = client.post(FEEDBACK, {"mood": "5", "text": "Osta halvalla", "website": "x.example"})
    assert response.status_code == 302 and response.url == THANKS
    assert not ServiceFeedback.objects.exists()


def test_the_hidden_trap_is_hidden_from_people(client):
    html = client.get(FEEDBACK).content.decode()
    assert "<div hidden>" in html and 'tabindex="-1"' in html


def test_guests_are_rate_limited_by_address(client):
    english(client)
    for _ in range(services.FEEDBACK_PER_HOUR):
        assert client.post(FEEDBACK, {"mood": "3"}).status_code == 302
    refused = client.post(FEEDBACK, {"mood": "3"})
    assert refused.status_code == 200
    assert "Please try again later" in refused.content.decode()
    assert ServiceFeedback.objects.count() == services.FEEDBACK_PER_HOUR
    other = client.post(FEEDBACK, {"mood": "3"}, REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 302


def test_members_are_rate_limited_by_account(client_for, cast):
    client = client_for(cast.member)
    for _ in range(services.FEEDBACK_PER_HOUR):
        client.post(FEEDBACK, {"mood": "3"}, REMOTE_ADDR=f"10.0.0.{_}")
    client.post(FEEDBACK, {"mood": "3"}, REMOTE_ADDR="10.0.1.1")
    assert ServiceFeedback.objects.count() == services.FEEDBACK_PER_HOUR


def test_feedback_pages_query_counts(client_for, cast, django_assert_max_num_queries):
    ServiceFeedback.objects.bulk_create(ServiceFeedback(mood=3) for _ in range(30))
    for user in (None, cast.member):
        client = client_for(user)
        with django_assert_max_num_queries(6):
            client.get(FEEDBACK)
        with django_assert_max_num_queries(8):
            client.post(FEEDBACK, {"mood": "4"})
        with django_assert_max_num_queries(6):
            client.get(THANKS)


# The person's own data


def test_the_data_download_includes_signed_feedback_only(cast):
    services.feedback_give(actor=cast.member, mood=4, text="Nimellä", anonymous=False, page="/")
    services.feedback_give(actor=cast.member, mood=2, text="Nimettömänä", anonymous=True)
    exported = account_services.user_data_export(user=cast.member)["service_feedback"]
    assert [(row["mood"], row["text"], row["page"]) for row in exported] == [(4, "Nimellä", "/")]


def test_deleting_the_account_deletes_signed_feedback(cast):
    services.feedback_give(actor=cast.member, mood=4, text="Nimellä", anonymous=False)
    services.feedback_give(actor=cast.member, mood=2, text="Nimettömänä", anonymous=True)
    account_services.user_delete(user=cast.member)
    assert list(ServiceFeedback.objects.values_list("text", flat=True)) == ["Nimettömänä"]


def test_an_overlong_page_or_trap_value_does_not_block_the_form(client):
    response = client.post(FEEDBACK, {"mood": "3", "page": "/" + "x" * 5000})
    assert response.status_code == 302
    assert ServiceFeedback.objects.get().page == ""
    client.post(FEEDBACK, {"mood": "3", "website": "x" * 5000})
    assert ServiceFeedback.objects.count() == 1
