"""Services of organisations: who edits them, what is checked, weekly hours and exceptions,
and "open now" in Finnish time across the change to and from summer time."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import municipality
from ideahautomo.services import services
from ideahautomo.services.models import (
    OpeningException,
    OpeningHours,
    Service,
    ServiceTag,
    helsinki_now,
    hours_on,
    is_open_at,
)
from ideahautomo.testing import LOGIN, ROLES, assert_role_table, expect, page_check, status_of

from .factories import PartnerOrganisationFactory, service_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cast):
    own = cast.partner.roles[Role.PARTNER].organisation
    other = PartnerOrganisationFactory(name="Toinen ry")
    return {
        "own_org": own,
        "other_org": other,
        "own": service_for(own, actor=cast.project_manager, title="Oma palvelu"),
        "other": service_for(other, actor=cast.project_manager, title="Toisen palvelu"),
        "hidden": service_for(
            other, actor=cast.project_manager, title="Piilotettu", is_active=False
        ),
    }


EDITORS_OF_OWN = expect(404, guest=LOGIN, partner=200, project_manager=200)
EDITORS_OF_OTHER = expect(404, guest=LOGIN, project_manager=200)

GET_TABLE = {
    ("services:detail", "own"): expect(200),
    ("services:detail", "other"): expect(200),
    ("services:detail", "hidden"): expect(404, project_manager=200),
    ("services:create", "own_org"): EDITORS_OF_OWN,
    ("services:create", "other_org"): EDITORS_OF_OTHER,
    ("services:edit", "own"): EDITORS_OF_OWN,
    ("services:edit", "other"): EDITORS_OF_OTHER,
    ("services:edit", "hidden"): EDITORS_OF_OTHER,
    ("services:hours", "own"): EDITORS_OF_OWN,
    ("services:hours", "other"): EDITORS_OF_OTHER,
    ("services:check", "own"): expect(405, guest=LOGIN),
    ("services:unchecked", None): expect(
        403, guest=LOGIN, contact_person=200, other_contact_person=200, project_manager=200
    ),
}


@pytest.mark.parametrize(("url_name", "which"), GET_TABLE)
def test_who_may_open_each_page(cast, client_for, scene, url_name, which):
    url = reverse(url_name, args=[scene[which].pk] if which else [])
    check = page_check(client_for, cast.by_role(), url)
    assert_role_table(check, GET_TABLE[url_name, which], label=f"{url_name} {which}")


def service_data(**overrides):
    data = {
        "title": "Työnhakukahvila",
        "summary": "Tule kysymään työnhausta.",
        "description": "Kahvia ja **apua**.",
        "needs": ["job_search", "digital"],
        "audiences": ["everyone"],
        "languages": ["fi", "uk"],
        "channels": ["walk_in"],
        "is_drop_in": "on",
        "street_address": "Kahvikuja 1",
        "municipality": municipality("091").pk,
        "municipalities_served": [municipality("049").pk],
        "contact_phone": "09 123 456",
        "booking_url": "https://ajanvaraus.example.fi/",
        "is_free": "on",
        "is_active": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(("which", "table"), [("own", EDITORS_OF_OWN), ("other", EDITORS_OF_OTHER)])
def test_only_editors_of_the_organisation_may_save_its_services(
    cast, client_for, scene, which, table
):
    service = scene[which]
    people = cast.by_role()
    for role, expected in zip(ROLES, table, strict=True):
        client = client_for(people[role])
        posts = [
            (reverse("services:edit", args=[service.pk]), service_data(title=role)),
            (
                reverse("services:hours", args=[service.pk]),
                {"action": "add_hours", "weekday": 0, "opens": "09:00", "closes": "10:00"},
            ),
            (reverse("services:check", args=[service.pk]), {}),
            (reverse("services:create", args=[service.organisation_id]), service_data()),
        ]
        for url, data in posts:
            got = status_of(client.post(url, data))
            wanted = 302 if expected == 200 else expected
            assert got == wanted, f"{url} as {role}: {got}, expected {wanted}"
        client.logout()
        OpeningHours.objects.filter(service=service).delete()
    service.refresh_from_db()
    assert service.title == "project_manager"


def test_partner_adds_a_drop_in_service_with_its_tags(cast, client_for, scene):
    response = client_for(cast.partner).post(
        reverse("services:create", args=[scene["own_org"].pk]), service_data()
    )

    service = Service.objects.get(title="Työnhakukahvila")
    assert response["Location"] == reverse("services:hours", args=[service.pk])
    assert service.organisation == scene["own_org"]
    assert service.is_drop_in
    assert sorted(service.tags_of("need")) == ["digital", "job_search"]
    assert sorted(service.language_codes) == ["fi", "uk"]
    assert "<strong>apua</strong>" in service.description_html
    assert list(service.municipalities_served.all()) == [municipality("049")]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("needs", [], "Valitse ainakin yksi asia"),
        ("needs", ["flying"], "flying"),
        ("channels", [], "Valitse ainakin yksi tapa"),
        ("languages", [], "Valitse ainakin yksi kieli"),
        ("booking_url", "http://ajanvaraus.example.fi/", "https://"),
        ("booking_url", "javascript:alert(1)", "https://"),
        ("latitude", "60.17", "leveys- että pituuspiiri"),
        ("latitude", "40.0", "59"),
        ("title", "", "vaaditaan"),
    ],
)
def test_bad_service_input_is_refused_and_nothing_saved(
    cast, client_for, scene, field, value, message
):
    data = service_data(**{field: value})
    if field == "latitude" and value == "40.0":
        data["longitude"] = "25.0"
    response = client_for(cast.partner).post(
        reverse("services:create", args=[scene["own_org"].pk]), data
    )

    assert response.status_code == 200
    errors = " ".join(" ".join(e) for e in response.context["form"].errors.values())
    assert message in errors
    assert not Service.objects.filter(title="Työnhakukahvila").exists()


def test_a_service_must_say_where_or_whom_it_serves(cast, scene):
    with pytest.raises(ValidationError) as error:
        service_for(scene["own_org"], actor=cast.partner, municipality=None)
    assert "municipality" in error.value.message_dict
    online = service_for(
        scene["own_org"], actor=cast.partner, municipality=None, channels=["online"]
    )
    assert online.pk


def test_the_tags_are_replaced_when_the_service_is_saved(cast, scene):
    service = scene["own"]
    services.service_update(
        actor=cast.partner,
        service=service,
        needs=["housing"],
        channels=["phone"],
        languages=["sv"],
        title=service.title,
        summary=service.summary,
    )
    assert sorted(ServiceTag.objects.filter(service=service).values_list("code", flat=True)) == [
        "everyone",
        "housing",
        "phone",
        "sv",
    ]


# Opening hours


def add_hours(service, actor, weekday, opens, closes):
    return services.opening_hours_add(
        actor=actor, service=service, weekday=weekday, opens=opens, closes=closes
    )


def test_weekly_hours_must_end_after_they_start_and_not_overlap(cast, scene):
    service = scene["own"]
    add_hours(service, cast.partner, 0, time(9), time(11))
    add_hours(service, cast.partner, 0, time(11), time(13))  # touching is not overlapping
    add_hours(service, cast.partner, 1, time(10), time(12))  # another day

    with pytest.raises(ValidationError) as backwards:
        add_hours(service, cast.partner, 2, time(12), time(9))
    assert "closes" in backwards.value.message_dict
    with pytest.raises(ValidationError):
        add_hours(service, cast.partner, 2, time(12), time(12))
    with pytest.raises(ValidationError) as overlap:
        add_hours(service, cast.partner, 0, time(12), time(14))
    assert "11.00–13.00" in overlap.value.message_dict["opens"][0]
    with pytest.raises(ValidationError):
        add_hours(service, cast.partner, 0, time(8), time(16))
    assert service.hours.count() == 3


def test_the_hours_page_says_what_is_wrong_in_the_users_language(cast, client_for, scene):
    client = client_for(cast.partner)
    url = reverse("services:hours", args=[scene["own"].pk])
    backwards = client.post(
        url, {"action": "add_hours", "weekday": 0, "opens": "15:00", "closes": "09:00"}
    )
    assert "Sulkemisajan pitää olla myöhemmin kuin avaamisajan." in backwards.content.decode()
    past = client.post(
        url,
        {
            "action": "add_exception",
            "poikkeus-date": (helsinki_now().date() - timedelta(days=1)).isoformat(),
            "poikkeus-is_closed": "on",
        },
    )
    assert "Päivä on jo mennyt" in past.content.decode()
    assert not OpeningHours.objects.exists() and not OpeningException.objects.exists()

    ok = client.post(
        url, {"action": "add_hours", "weekday": 0, "opens": "09:00", "closes": "15:00"}
    )
    assert ok.status_code == 302
    row = OpeningHours.objects.get()
    removed = client.post(url, {"action": "remove_hours", "id": row.pk})
    assert removed.status_code == 302
    assert not OpeningHours.objects.exists()


def test_partner_cannot_remove_hours_of_another_organisations_service(cast, client_for, scene):
    row = add_hours(scene["other"], cast.project_manager, 0, time(9), time(10))
    response = client_for(cast.partner).post(
        reverse("services:hours", args=[scene["own"].pk]), {"action": "remove_hours", "id": row.pk}
    )
    assert response.status_code == 404
    assert OpeningHours.objects.filter(pk=row.pk).exists()


def test_exceptions_are_for_today_or_later_one_a_day(cast, scene):
    service = scene["own"]
    today = helsinki_now().date()
    with pytest.raises(ValidationError) as past:
        services.opening_exception_add(
            actor=cast.partner, service=service, date=today - timedelta(days=1), is_closed=True
        )
    assert "date" in past.value.message_dict
    with pytest.raises(ValidationError) as no_hours:
        services.opening_exception_add(
            actor=cast.partner, service=service, date=today, is_closed=False
        )
    assert "closes" in no_hours.value.message_dict
    services.opening_exception_add(
        actor=cast.partner, service=service, date=today, is_closed=True, note="Juhannus"
    )
    with pytest.raises(ValidationError) as twice:
        services.opening_exception_add(
            actor=cast.partner,
            service=service,
            date=today,
            is_closed=False,
            opens=time(9),
            closes=time(10),
        )
    assert "date" in twice.value.message_dict
    assert service.exceptions.count() == 1


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def test_open_now_is_read_in_finnish_time_across_the_change_to_summer_time(cast, scene):
    """Summer time began on Sunday 29 March 2026 at 03.00 (01.00 UTC): from then on
    Finland is UTC+3, before it UTC+2."""
    service = scene["own"]
    add_hours(service, cast.partner, 5, time(10), time(12))  # Saturday
    add_hours(service, cast.partner, 6, time(10), time(12))  # Sunday
    service = Service.objects.prefetch_related("hours", "exceptions").get(pk=service.pk)

    # Saturday 28 March, winter time: 09.30 UTC is 11.30 in Helsinki.
    assert is_open_at(service, utc(2026, 3, 28, 9, 30))
    assert not is_open_at(service, utc(2026, 3, 28, 10, 0))  # 12.00: just closed
    # Sunday 29 March, summer time: 09.30 UTC is 12.30 in Helsinki, closed;
    # a fixed UTC+2 would have said 11.30, open.
    assert not is_open_at(service, utc(2026, 3, 29, 9, 30))
    assert is_open_at(service, utc(2026, 3, 29, 8, 30))  # 11.30
    assert is_open_at(service, utc(2026, 3, 29, 7, 0))  # 10.00: just opened


def test_open_now_across_the_change_back_to_winter_time(cast, scene):
    """Summer time ended on Sunday 25 October 2026 at 04.00 (01.00 UTC)."""
    service = scene["own"]
    add_hours(service, cast.partner, 6, time(8), time(9))
    service = Service.objects.prefetch_related("hours", "exceptions").get(pk=service.pk)

    assert is_open_at(service, utc(2026, 10, 18, 5, 30))  # summer: 08.30
    assert not is_open_at(service, utc(2026, 10, 18, 6, 30))  # summer: 09.30
    assert is_open_at(service, utc(2026, 10, 25, 6, 30))  # winter: 08.30
    assert not is_open_at(service, utc(2026, 10, 25, 5, 30))  # winter: 07.30


def test_an_exception_replaces_the_weekly_hours_of_its_date(cast, scene, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: utc(2026, 12, 20, 8, 0))  # before Christmas
    service = scene["own"]
    for weekday in range(5):
        add_hours(service, cast.partner, weekday, time(9), time(15))
    services.opening_exception_add(
        actor=cast.partner, service=service, date=date(2026, 12, 24), is_closed=True
    )
    services.opening_exception_add(
        actor=cast.partner,
        service=service,
        date=date(2026, 12, 23),
        is_closed=False,
        opens=time(9),
        closes=time(12),
        note="Lyhennetty päivä",
    )
    service = Service.objects.prefetch_related("hours", "exceptions").get(pk=service.pk)

    assert hours_on(service, date(2026, 12, 22)) == [(time(9), time(15))]
    assert hours_on(service, date(2026, 12, 23)) == [(time(9), time(12))]
    assert hours_on(service, date(2026, 12, 24)) == []
    assert not is_open_at(service, utc(2026, 12, 24, 9, 0))
    assert not is_open_at(service, utc(2026, 12, 23, 11, 0))  # 13.00, closed early
    assert is_open_at(service, utc(2026, 12, 22, 11, 0))


def test_staff_see_the_services_unchecked_for_six_months(cast, client_for, scene):
    old = timezone.localdate() - timedelta(days=200)
    Service.objects.filter(pk__in=[scene["own"].pk, scene["hidden"].pk]).update(last_checked_on=old)
    client = client_for(cast.contact_person)
    listed = client.get(reverse("services:unchecked")).context["page"].object_list
    assert [s.title for s in listed] == ["Oma palvelu"]

    client_for(cast.partner).post(reverse("services:check", args=[scene["own"].pk]))
    client = client_for(cast.contact_person)
    assert list(client.get(reverse("services:unchecked")).context["page"].object_list) == []


def test_pages_keep_their_query_counts_with_many_services(
    cast, client_for, scene, django_assert_max_num_queries
):
    organisation = scene["own_org"]

    def more(count):
        for index in range(count):
            cache.clear()  # past the rate limits: one person adds them all
            service = service_for(organisation, actor=cast.project_manager, title=f"P {index}")
            add_hours(service, cast.project_manager, index % 7, time(9), time(17))
            services.opening_exception_add(
                actor=cast.project_manager,
                service=service,
                date=helsinki_now().date() + timedelta(days=1),
                is_closed=True,
            )
            service.municipalities_served.add(municipality("049"))

    client = client_for(cast.partner)
    url = reverse("services:organisation", args=[organisation.pk])
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    more(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).context["services"]) == 26
    with django_assert_max_num_queries(10):
        client.get(reverse("services:detail", args=[scene["own"].pk]))
    with django_assert_max_num_queries(10):
        client.get(reverse("services:hours", args=[scene["own"].pk]))


def test_the_list_to_check_keeps_its_query_count(
    cast, client_for, scene, django_assert_max_num_queries
):
    old = timezone.localdate() - timedelta(days=400)
    client = client_for(cast.project_manager)
    Service.objects.update(last_checked_on=old)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("services:unchecked"))
    for index in range(30):
        cache.clear()
        service_for(PartnerOrganisationFactory(), actor=cast.project_manager, title=f"V {index}")
    Service.objects.update(last_checked_on=old)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("services:unchecked"))
    assert len(response.context["page"].object_list) == 32
