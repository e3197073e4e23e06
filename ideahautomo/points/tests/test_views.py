"""The point pages: who may open them, counting and undoing through the form, query counts."""

import random
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.points.models import PointHours, ServicePoint, VisitorCount
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check

from .factories import point_in

pytestmark = pytest.mark.django_db

# Staff who keep points open the list and the form; a point itself only its own staff.
STAFF_PAGE = expect(
    403, guest=LOGIN, contact_person=200, other_contact_person=200, project_manager=200
)
OWN_POINT = expect(403, guest=LOGIN, contact_person=200, project_manager=200)
OWN_POINT_POST = expect(403, guest=LOGIN, contact_person=302, project_manager=302)

# The pages are in Finnish, the default language.


@pytest.mark.parametrize("url_name", ["points:list", "points:create"])
def test_who_may_open_the_staff_pages(cast, client_for, url_name):
    assert_role_table(page_check(client_for, cast.by_role(), reverse(url_name)), STAFF_PAGE)


@pytest.mark.parametrize("url_name", ["points:detail", "points:edit"])
def test_only_the_points_own_staff_open_it(cast, client_for, url_name):
    point = point_in(cast.area)
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse(url_name, args=[point.pk])), OWN_POINT
    )


def test_only_the_points_own_staff_count_there(cast, client_for):
    point = point_in(cast.area)
    url = reverse("points:detail", args=[point.pk])
    assert_role_table(
        page_check(client_for, cast.by_role(), url, method="post", data={"visit": "first"}),
        OWN_POINT_POST,
    )
    assert VisitorCount.objects.count() == 2
    assert set(VisitorCount.objects.values_list("counted_by", flat=True)) == {
        cast.contact_person.pk,
        cast.project_manager.pk,
    }


def test_only_the_points_own_staff_undo_there(cast, client_for):
    point = point_in(cast.area)
    url = reverse("points:undo", args=[point.pk])
    assert_role_table(
        page_check(client_for, cast.by_role(), url, method="post", data={"id": "0"}), OWN_POINT_POST
    )


def test_counting_redirects_with_a_message_and_an_undo_button(cast, client_for):
    point = point_in(cast.area)
    client = client_for(cast.contact_person)
    url = reverse("points:detail", args=[point.pk])
    response = client.post(url, {"visit": "returning", "purpose": "housing"}, follow=True)
    assert "Palaava kävijä on kirjattu." in response.text
    assert "Peru viimeisin kirjaus" in response.text
    visit = VisitorCount.objects.get()
    assert (visit.first_visit, visit.purpose) == (False, "housing")
    response = client.post(reverse("points:undo", args=[point.pk]), {"id": visit.pk}, follow=True)
    assert "Kirjaus on peruttu." in response.text
    assert not VisitorCount.objects.exists()


def test_a_late_undo_is_refused_with_a_clear_message(cast, client_for):
    point = point_in(cast.area)
    visit = VisitorCount.objects.create(
        point=point,
        first_visit=True,
        counted_by=cast.contact_person,
        counted_at=timezone.now() - timedelta(minutes=6),
    )
    client = client_for(cast.contact_person)
    response = client.post(reverse("points:undo", args=[point.pk]), {"id": visit.pk}, follow=True)
    assert "vain viiden minuutin ajan" in response.text
    assert VisitorCount.objects.count() == 1


def test_a_post_without_a_button_counts_nothing_and_says_why(cast, client_for):
    point = point_in(cast.area)
    response = client_for(cast.contact_person).post(
        reverse("points:detail", args=[point.pk]), {"purpose": "lottery"}
    )
    assert response.status_code == 200
    assert "Paina Ensikäynti tai Palaava kävijä." in response.text
    assert not VisitorCount.objects.exists()


def test_creating_a_point_and_its_hours_through_the_forms(cast, client_for):
    from ideahautomo.accounts.tests.factories import municipality

    client = client_for(cast.contact_person)
    response = client.post(
        reverse("points:create"),
        {
            "name": "TyöParkki",
            "street_address": "Työpajankatu 2",
            "municipality": municipality("091").pk,
            "area": cast.area.pk,
            "is_active": "on",
        },
    )
    point = ServicePoint.objects.get()
    assert response["Location"] == reverse("points:edit", args=[point.pk])
    edit = reverse("points:edit", args=[point.pk])
    client.post(edit, {"action": "add_hours", "weekday": 2, "opens": "10:00", "closes": "18:00"})
    response = client.post(
        edit, {"action": "add_hours", "weekday": 2, "opens": "12:00", "closes": "11:00"}
    )
    assert "myöhemmin kuin avaamisajan" in response.text
    assert PointHours.objects.filter(point=point).count() == 1


def test_the_counter_page_queries_stay_bounded_with_a_year_of_counts(
    cast, client_for, django_assert_max_num_queries
):
    point = point_in(cast.area)
    chance = random.Random(3)
    now = timezone.now()
    VisitorCount.objects.bulk_create(
        VisitorCount(
            point=point,
            counted_at=now - timedelta(days=day, minutes=chance.randrange(600)),
            first_visit=chance.random() < 0.3,
            purpose=chance.choice(["", "job_search", "housing", "digital"]),
            counted_by=cast.contact_person,
        )
        for day in range(365)
        for _ in range(4)
    )
    client = client_for(cast.contact_person)
    url = reverse("points:detail", args=[point.pk])
    with django_assert_max_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200


def test_the_home_page_links_the_points_for_their_staff_only(cast, client_for):
    link = f'href="{reverse("points:list")}"'
    assert link in client_for(cast.contact_person).get(reverse("pages:home")).text
    assert link not in client_for(cast.member).get(reverse("pages:home")).text


def test_the_list_queries_stay_bounded_with_many_points(
    cast, client_for, django_assert_max_num_queries
):
    for number in range(30):
        point = point_in(cast.area, name=f"Piste {number}")
        PointHours.objects.create(point=point, weekday=2, opens="10:00", closes="18:00")
    client = client_for(cast.project_manager)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("points:list"))
    assert response.text.count("Piste ") == 30


def test_an_exception_added_on_the_edit_page_shows_on_the_point(cast, client_for):
    point = point_in(cast.area)
    client = client_for(cast.contact_person)
    day = timezone.localdate() + timedelta(days=10)
    response = client.post(
        reverse("points:edit", args=[point.pk]),
        {
            "action": "add_exception",
            "poikkeus-date": day.isoformat(),
            "poikkeus-is_closed": "on",
            "poikkeus-note": "Juhannus",
        },
    )
    assert response.status_code == 302
    assert "Juhannus" in client.get(reverse("points:detail", args=[point.pk])).text
