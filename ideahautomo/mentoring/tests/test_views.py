"""The mentoring pages: who may open each (a mentoring and every page under it is "not
found" for everyone but its two parties, staff included), the journey through the forms,
bad input explained, text escaped, and query counts that stay flat as data grows."""

from datetime import date

import pytest
from django.urls import reverse

from ideahautomo.mentoring.models import Feedback, Meeting, Mentoring
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check

from .factories import member, mentor_profile_for, mentor_with_profile, mentoring_for

pytestmark = pytest.mark.django_db

COMMUNITY_PAGE = expect(403, guest=LOGIN, member=200, mentor=200, partner=200)


@pytest.mark.parametrize("url_name", ["mentoring:directory", "mentoring:mine"])
def test_who_may_open_the_directory_and_own_mentoring(cast, client_for, url_name):
    mentor_profile_for(cast.mentor)
    assert_role_table(page_check(client_for, cast.by_role(), reverse(url_name)), COMMUNITY_PAGE)


def test_who_may_ask_a_mentor(cast, client_for):
    mentor_profile_for(cast.mentor)
    url = reverse("mentoring:request", args=[cast.mentor.pk])
    assert_role_table(
        page_check(client_for, cast.by_role(), url), expect(403, guest=LOGIN, member=200)
    )
    assert_role_table(
        page_check(client_for, cast.by_role(), url, method="post", data={"need": "Apua"}),
        expect(403, guest=LOGIN, member=302),
    )
    assert Mentoring.objects.count() == 1


def test_who_may_edit_a_mentor_profile(cast, client_for):
    url = reverse("profiles:mentor_profile")
    assert_role_table(
        page_check(client_for, cast.by_role(), url), expect(403, guest=LOGIN, mentor=200)
    )


def _pages_of(mentoring):
    return {
        "detail": ("get", reverse("mentoring:detail", args=[mentoring.pk])),
        "answer": ("post", reverse("mentoring:answer", args=[mentoring.pk])),
        "withdraw": ("post", reverse("mentoring:withdraw", args=[mentoring.pk])),
        "goals": ("post", reverse("mentoring:goals", args=[mentoring.pk])),
        "meeting": ("post", reverse("mentoring:meeting", args=[mentoring.pk])),
        "end": ("post", reverse("mentoring:end", args=[mentoring.pk])),
        "feedback": ("post", reverse("mentoring:feedback", args=[mentoring.pk])),
    }


@pytest.mark.parametrize(
    "status", [Mentoring.Status.REQUESTED, Mentoring.Status.ACTIVE, Mentoring.Status.ENDED]
)
def test_a_mentoring_is_not_found_for_anyone_but_the_two(cast, client_for, status):
    mentee, mentor = member(), mentor_with_profile()
    mentoring = mentoring_for(mentee, mentor)
    Mentoring.objects.filter(pk=mentoring.pk).update(status=status)
    services_meeting = Meeting.objects.create(
        mentoring=mentoring, date=date(2026, 3, 1), notes="salainen", notes_html="<p>salainen</p>"
    )
    for name, (method, url) in _pages_of(mentoring).items():
        data = {"date": "2026-03-02", "notes": "x", "mood": "5", "goals": "x"}
        assert_role_table(
            page_check(client_for, cast.by_role(), url, method=method, data=data),
            expect(404, guest=LOGIN),
            label=name,
        )
    assert Meeting.objects.get() == services_meeting
    for party in (mentee, mentor):
        response = client_for(party).get(reverse("mentoring:detail", args=[mentoring.pk]))
        assert response.status_code == 200
        client_for(party).logout()
    if status != Mentoring.Status.REQUESTED:
        assert "salainen" in response.content.decode()


def test_the_whole_mentoring_through_the_pages(cast, client_for):
    mentor_profile_for(cast.mentor)
    client = client_for(cast.member)
    response = client.post(
        reverse("mentoring:request", args=[cast.mentor.pk]),
        {"need": "Apua **budjettiin** <script>x</script>", "idea_address": ""},
    )
    mentoring = Mentoring.objects.get()
    assert response["Location"] == mentoring.get_absolute_url()
    client.logout()
    client = client_for(cast.mentor)
    page = client.get(mentoring.get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in page and "<script>x" not in page
    client.post(
        reverse("mentoring:answer", args=[mentoring.pk]), {"accept": "1", "answer": "Tervetuloa"}
    )
    client.post(
        reverse("mentoring:goals", args=[mentoring.pk]),
        {"goals": "Laskelma valmiiksi", "video_link": "https://meet.jit.si/x"},
    )
    client.post(
        reverse("mentoring:meeting", args=[mentoring.pk]), {"date": "2026-03-01", "notes": "Hyvä"}
    )
    client.logout()
    client = client_for(cast.member)
    client.post(reverse("mentoring:end", args=[mentoring.pk]))
    client.post(reverse("mentoring:feedback", args=[mentoring.pk]), {"mood": "5", "text": "Kiitos"})
    mentoring.refresh_from_db()
    assert mentoring.status == Mentoring.Status.ENDED
    assert mentoring.goals == "Laskelma valmiiksi"
    assert Meeting.objects.get().notes == "Hyvä"
    assert Feedback.objects.get().mood == 5


def test_bad_input_is_explained_in_the_users_language_and_nothing_saved(cast, client_for):
    mentor_profile_for(cast.mentor)
    mentoring = mentoring_for(cast.member, cast.mentor, accept=True)
    client = client_for(cast.member)
    response = client.post(
        reverse("mentoring:goals", args=[mentoring.pk]),
        {"goals": "x", "video_link": "http://meet.example/a"},
    )
    assert response.status_code == 400
    assert "https://" in response.content.decode()
    response = client.post(reverse("mentoring:meeting", args=[mentoring.pk]), {"date": "eilen"})
    assert response.status_code == 400
    assert not Meeting.objects.exists()
    response = client.post(
        reverse("mentoring:request", args=[cast.mentor.pk]), {"need": "Taas apua"}
    )
    assert response.status_code == 200
    assert (
        "Sinulla on jo avoin pyyntö tai mentorointi tämän mentorin kanssa."
        in response.content.decode()
    )
    mentoring.refresh_from_db()
    assert mentoring.goals == ""


def test_an_unavailable_mentor_shows_no_ask_button_and_refuses_requests(cast, client_for):
    mentor_profile_for(cast.mentor, is_available=False)
    client = client_for(cast.member)
    page = client.get(reverse("mentoring:directory")).content.decode()
    assert reverse("mentoring:request", args=[cast.mentor.pk]) not in page
    response = client.post(reverse("mentoring:request", args=[cast.mentor.pk]), {"need": "Apua"})
    assert response.status_code == 200
    assert not Mentoring.objects.exists()


def test_the_profile_shows_the_mentor_mark(cast, client_for):
    mentor_profile_for(cast.mentor, sector="ravintola-ala", topic_sector=True)
    page = client_for(cast.member).get(reverse("profiles:detail", args=[cast.mentor.pk]))
    content = page.content.decode()
    assert 'class="badge"' in content
    assert "ravintola-ala" in content
    assert reverse("mentoring:request", args=[cast.mentor.pk]) in content


def test_directory_filters(cast, client_for):
    from ideahautomo.accounts.tests.factories import municipality

    mentor_profile_for(cast.mentor, topic_job_search=True, topic_business=False)
    espoo = mentor_with_profile(
        municipality=municipality("049"), meets_online=False, skill_names=["Kirjanpito"]
    )
    client = client_for(cast.member)

    def shown(**query):
        response = client.get(reverse("mentoring:directory"), query)
        return {mentor.user_id for mentor in response.context["page"].object_list}

    assert shown() == {cast.mentor.pk, espoo.pk}
    assert shown(aihe="job_search") == {cast.mentor.pk}
    assert shown(osaaminen="kirjanpito") == {espoo.pk}
    assert shown(verkossa="on") == {cast.mentor.pk}
    assert shown(kunta=municipality("049").pk) == {espoo.pk}


def test_directory_and_own_pages_take_few_queries_as_data_grows(
    cast, client_for, django_assert_max_num_queries
):
    """The mentoring page ranks suggested mentors once (a few queries more), then reads
    them back from the cache; every count stays the same as mentors and mentorings grow."""
    from django.core.cache import cache

    from ideahautomo.profiles import services as profile_services

    profile = profile_services.profile_get_or_create(user=cast.member)
    profile_services.profile_update(actor=cast.member, profile=profile, goal_business=True)
    mentor_profile_for(cast.mentor)

    def add(count):
        cache.clear()  # the rate limits of the busy test people
        for _number in range(count):
            mentor = mentor_with_profile()
            mentoring_for(member(), mentor, accept=True)
            if Mentoring.objects.filter(mentee=cast.member, status="requested").count() < 3:
                mentoring_for(cast.member, mentor)

    def measure():
        cache.clear()
        counts = []
        for url, budget in (
            (reverse("mentoring:directory"), 10),
            (reverse("mentoring:mine"), 14),  # ranks the suggested mentors
            (reverse("mentoring:mine"), 10),  # reads them back from the cache
        ):
            with django_assert_max_num_queries(budget) as queries:
                response = client.get(url)
            counts.append(len(queries.captured_queries))
        return counts, response

    client = client_for(cast.member)
    add(2)
    few, _response = measure()
    add(20)
    many, response = measure()
    assert many == few
    assert response.context["suggested"]
    mentoring = Mentoring.objects.filter(mentee=cast.member).first()
    for _number in range(10):
        Meeting.objects.create(mentoring=mentoring, date=date(2026, 3, 1), notes="x")
    with django_assert_max_num_queries(10):
        client.get(mentoring.get_absolute_url())
