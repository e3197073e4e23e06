"""A circle's discussion: who reads and writes it, posts and replies, bad input,
notifications and bounded queries."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.circles import discussion_services, services
from ideahautomo.circles.models import Circle, CirclePost
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.testing import LOGIN, ROLES, expect, status_of

from .test_circles import start

pytestmark = pytest.mark.django_db

SECRET = "Tapaamisen avainkoodi 4711"


@pytest.fixture(autouse=True)
def _english(client):
    """English pages (the cookie beats the person's own language) and English messages."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def organiser(db):
    return UserFactory(display_name="Olli Järjestäjä")


def circle_with_member(organiser, member, **overrides):
    """A circle started by organiser, with member as an ordinary active member."""
    overrides.setdefault("capacity", 10)
    circle = start(organiser, **overrides)
    if circle.visibility == Circle.Visibility.PRIVATE or circle.policy != Circle.Policy.OPEN:
        services.circle_invitation_create(actor=organiser, circle=circle, invitee=member)
    services.circle_join(actor=member, circle=circle)
    circle.refresh_from_db()
    return circle


def write(author, circle, body=SECRET, **extra):
    return discussion_services.post_create(actor=author, circle=circle, body=body, **extra)


READ_TABLES = {
    # (status of the circle page, sees the discussion) per role
    Circle.Visibility.PRIVATE: expect((404, False), member=(200, True)),
    Circle.Visibility.MEMBERS: expect(
        (404, False), member=(200, True), mentor=(200, False), partner=(200, False)
    ),
    Circle.Visibility.PUBLIC: expect((200, False), member=(200, True)),
}


@pytest.mark.parametrize("visibility", list(READ_TABLES))
def test_only_active_members_read_the_discussion(cast, client_for, organiser, visibility):
    circle = circle_with_member(organiser, cast.member, visibility=visibility)
    write(organiser, circle)
    for role, (expected, reads) in zip(ROLES, READ_TABLES[visibility], strict=True):
        client = client_for(cast.by_role()[role])
        client.cookies["django_language"] = "en"  # logging out dropped the cookie
        response = client.get(circle.get_absolute_url())
        assert response.status_code == expected, f"{visibility} as {role}"
        if expected == 200:
            page = response.content.decode()
            assert (SECRET in page) == reads, f"{visibility} as {role}"
            if not reads:
                assert "Join the circle to take part." in page
        client.logout()


WRITE_TABLES = {
    Circle.Visibility.PRIVATE: expect(404, member="ok"),
    Circle.Visibility.MEMBERS: expect(404, member="ok", mentor=403, partner=403),
    Circle.Visibility.PUBLIC: expect(403, guest=LOGIN, member="ok"),
}


@pytest.mark.parametrize("visibility", list(WRITE_TABLES))
def test_who_may_open_the_discussion_pages(cast, client_for, organiser, visibility):
    circle = circle_with_member(organiser, cast.member, visibility=visibility)
    for role, expected in zip(ROLES, WRITE_TABLES[visibility], strict=True):
        own = write(cast.member, circle, body="Oma viesti")
        urls = {
            "post_create": ("get", reverse("circles:post_create", args=[circle.pk]), 200),
            "post_reply": ("get", reverse("circles:post_reply", args=[circle.pk, own.pk]), 200),
            "post_edit": ("get", reverse("circles:post_edit", args=[circle.pk, own.pk]), 200),
            "post_create_send": (
                "post",
                reverse("circles:post_create", args=[circle.pk]),
                302,
            ),
            "post_remove": ("post", reverse("circles:post_remove", args=[circle.pk, own.pk]), 302),
        }
        client = client_for(cast.by_role()[role])
        for name, (method, url, allowed) in urls.items():
            got = status_of(getattr(client, method)(url, {"body": "Hei kaikki"}))
            want = allowed if expected == "ok" else expected
            assert got == want, f"{name} of a {visibility} circle as {role}: {got}, want {want}"
        client.logout()
    # Only the member wrote: once "Oma viesti" (then removed it) and once "Hei kaikki".
    bodies = sorted(CirclePost.objects.filter(circle=circle).values_list("body", flat=True))
    assert bodies == ["Hei kaikki"] + ["Oma viesti"] * (len(ROLES) - 1)


def test_others_cannot_edit_and_only_organisers_remove_someone_elses_post(
    cast, client_for, organiser
):
    circle = circle_with_member(organiser, cast.member)
    other = UserFactory()
    services.circle_join(actor=other, circle=circle)
    post = write(cast.member, circle)
    edit_url = reverse("circles:post_edit", args=[circle.pk, post.pk])
    remove_url = reverse("circles:post_remove", args=[circle.pk, post.pk])

    assert client_for(other).get(edit_url).status_code == 403
    assert client_for(other).post(remove_url).status_code == 403
    assert client_for(organiser).get(edit_url).status_code == 403
    with pytest.raises(PermissionDenied):
        discussion_services.post_update(actor=organiser, post=post, body="Muutettu")
    assert CirclePost.objects.filter(pk=post.pk).exists()

    assert client_for(organiser).post(remove_url).status_code == 302
    assert not CirclePost.objects.filter(pk=post.pk).exists()


def test_a_post_of_another_circle_is_not_found_through_this_circle(cast, client_for, organiser):
    circle = circle_with_member(organiser, cast.member)
    elsewhere = circle_with_member(organiser, cast.member, name="Toinen")
    post = write(cast.member, elsewhere)
    client = client_for(cast.member)
    assert client.get(reverse("circles:post_edit", args=[circle.pk, post.pk])).status_code == 404
    assert client.post(reverse("circles:post_remove", args=[circle.pk, post.pk])).status_code == 404
    assert CirclePost.objects.filter(pk=post.pk).exists()


def test_markdown_is_sanitised_and_material_links_are_kept(cast, organiser):
    circle = circle_with_member(organiser, cast.member)
    post = write(
        cast.member,
        circle,
        body="**Tärkeää** <script>alert(1)</script> [klikkaa](javascript:alert(1))",
        link="https://example.fi/tehtavat.pdf",
        link_title="Tehtävät  viikolle 3",
    )
    assert "<strong>Tärkeää</strong>" in post.body_html
    assert "<script>" not in post.body_html
    assert "javascript:" not in post.body_html
    assert post.link_title == "Tehtävät viikolle 3"


@pytest.mark.parametrize(
    ("fields", "error_field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"link": "http://example.fi/materiaali"}, "link"),
        ({"link_title": "Ilman linkkiä"}, "link"),
        ({"link": "https://example.fi/", "link_title": "x" * 121}, "link_title"),
    ],
)
def test_bad_posts_are_refused_and_nothing_is_saved(cast, organiser, fields, error_field):
    circle = circle_with_member(organiser, cast.member)
    values = {"body": "Hei", **fields}
    with pytest.raises(ValidationError) as error:
        discussion_services.post_create(actor=cast.member, circle=circle, **values)
    assert error_field in error.value.message_dict
    assert not CirclePost.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"body": "Hei", "link": "javascript:alert(1)"},
        {"body": "Hei", "link": "http://example.fi/"},
        {"body": "x" * 5001},
        {"body": ""},
    ],
)
def test_the_page_explains_bad_input(cast, client_for, organiser, fields):
    circle = circle_with_member(organiser, cast.member)
    response = client_for(cast.member).post(
        reverse("circles:post_create", args=[circle.pk]), fields
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "Please check the form" in response.content.decode()
    assert not CirclePost.objects.exists()


def test_staff_and_outsiders_cannot_write_through_the_service(cast, organiser):
    circle = circle_with_member(organiser, cast.member, visibility=Circle.Visibility.PUBLIC)
    for person in (cast.mentor, cast.project_manager, cast.moderator, cast.administrator):
        with pytest.raises(PermissionDenied):
            write(person, circle)
    waiting = start(organiser, name="Täysi", capacity=2)
    services.circle_join(actor=cast.member, circle=waiting)
    services.circle_join(actor=cast.mentor, circle=waiting)  # on the waitlist
    with pytest.raises(PermissionDenied):
        write(cast.mentor, waiting)


def test_replies_stay_one_level_deep_and_go_with_their_thread(cast, organiser):
    circle = circle_with_member(organiser, cast.member)
    thread = write(organiser, circle, body="Aloitus")
    reply = write(cast.member, circle, body="Vastaus", parent=thread)
    deeper = write(organiser, circle, body="Vastaus vastaukseen", parent=reply)
    assert reply.parent_id == thread.pk
    assert deeper.parent_id == thread.pk

    other_circle = circle_with_member(organiser, cast.member, name="Muu")
    with pytest.raises(ValidationError):
        write(cast.member, other_circle, parent=thread)

    discussion_services.post_remove(actor=organiser, post=thread)
    assert not CirclePost.objects.filter(circle=circle).exists()


def test_editing_re_renders_and_marks_the_post_edited(cast, client_for, organiser):
    circle = circle_with_member(organiser, cast.member)
    post = write(cast.member, circle, body="Ensin")
    response = client_for(cast.member).post(
        reverse("circles:post_edit", args=[circle.pk, post.pk]), {"body": "Sitten *toisin*"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#viesti-{post.pk}")
    post.refresh_from_db()
    assert post.edited_at is not None
    assert "<em>toisin</em>" in post.body_html


def test_new_posts_tell_the_other_active_members_once(
    cast, organiser, django_capture_on_commit_callbacks
):
    circle = circle_with_member(organiser, cast.member, capacity=2)
    waiting = UserFactory()
    services.circle_join(actor=waiting, circle=circle)  # full: on the waitlist

    with django_capture_on_commit_callbacks(execute=True):
        post = write(cast.member, circle)
    with django_capture_on_commit_callbacks(execute=True):
        write(cast.member, circle, body="Toinen", parent=post)

    told = Notification.objects.filter(kind=NotificationKind.CIRCLE_POST)
    assert [n.recipient for n in told] == [organiser]  # unread ones are not repeated
    assert told[0].url == f"{circle.get_absolute_url()}#viesti-{post.pk}"
    assert cast.member.display_name in told[0].text


# The circle page also lists its meetings; the count stays fixed however long the discussion.
DETAIL_QUERIES = 12


def test_the_discussion_pages_newest_threads_first_with_bounded_queries(
    cast, client_for, organiser, django_assert_max_num_queries
):
    circle = circle_with_member(organiser, cast.member, capacity=None)
    client = client_for(cast.member)
    for number in range(2):
        thread = write(organiser, circle, body=f"Ketju {number}")
        write(cast.member, circle, body=f"Vastaus {number}", parent=thread)
    with django_assert_max_num_queries(DETAIL_QUERIES) as few:
        client.get(circle.get_absolute_url())
    for number in range(2, 14):
        cache.clear()  # the organiser's rate limit: a busy test author, not a flood
        author = UserFactory()
        services.circle_join(actor=author, circle=circle)
        thread = write(author, circle, body=f"Ketju {number}")
        for _reply in range(3):
            write(organiser, circle, body="Vastaus", parent=thread)
    with django_assert_max_num_queries(DETAIL_QUERIES) as many:
        response = client.get(circle.get_absolute_url())
    assert len(many.captured_queries) == len(few.captured_queries)
    threads = response.context["threads"]
    assert [post.body for post in threads.object_list][:2] == ["Ketju 13", "Ketju 12"]
    assert len(threads.object_list) == 10 and threads.has_next()
    assert [r.body for r in threads.object_list[0].thread_replies] == ["Vastaus"] * 3
    second = client.get(circle.get_absolute_url(), {"sivu": 2}).context["threads"]
    assert [post.body for post in second.object_list] == [f"Ketju {n}" for n in (3, 2, 1, 0)]
    organiser_client = client_for(organiser)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        organiser_client.get(circle.get_absolute_url())


def test_writing_costs_the_same_whatever_the_size_of_the_circle(
    cast, client_for, organiser, django_assert_max_num_queries
):
    circle = circle_with_member(organiser, cast.member, capacity=None)
    client = client_for(cast.member)
    url = reverse("circles:post_create", args=[circle.pk])
    with django_assert_max_num_queries(10) as few:
        client.post(url, {"body": "Hei"})
    for _number in range(15):
        services.circle_join(actor=UserFactory(), circle=circle)
    with django_assert_max_num_queries(10) as many:
        client.post(url, {"body": "Hei taas"})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_waiting_people_are_told_the_discussion_opens_when_they_are_members(
    cast, client_for, organiser
):
    circle = circle_with_member(organiser, cast.member, capacity=2)
    services.circle_join(actor=cast.mentor, circle=circle)
    write(organiser, circle)
    page = client_for(cast.mentor).get(circle.get_absolute_url()).content.decode()
    assert SECRET not in page
    assert "opens to you when you become a member" in page


def test_a_persons_data_download_has_their_posts_and_circles(cast, organiser):
    from ideahautomo.accounts.services import user_data_export

    circle = circle_with_member(organiser, cast.member)
    write(cast.member, circle, link="https://example.fi/a.pdf")
    data = user_data_export(user=cast.member)["circles"]
    assert [p["body"] for p in data["discussion_posts"]] == [SECRET]
    assert [m["circle__name"] for m in data["memberships"]] == [circle.name]
    assert user_data_export(user=organiser)["circles"]["discussion_posts"] == []
