"""The monthly check-in: answered or skipped once a month, seen only by its member."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts import services as account_services
from ideahautomo.accounts.models import Role, RoleAssignment, User
from ideahautomo.accounts.tests.concurrency import postgresql_only, run_at_once
from ideahautomo.accounts.tests.factories import PartnerOrganisationFactory, UserFactory
from ideahautomo.impact import permissions, selectors, services
from ideahautomo.impact.models import CheckIn
from ideahautomo.testing import ROLES

pytestmark = pytest.mark.django_db

CHECK_IN = reverse("impact:check_in")
SKIP = reverse("impact:check_in_skip")
HISTORY = reverse("impact:history")
HOME = reverse("pages:home")
ANSWER = {"situation": "studying", "mood": "4", "helped": ["circle", "mentor"]}


def answer(member, *, today=None, situation="looking", mood=3, helped=()):
    return services.check_in_answer(
        actor=member, situation=situation, mood=mood, helped=helped, today=today
    )


# Answering


def test_member_answers_and_finds_the_answer_in_their_history(client_for, cast):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    response = client.post(CHECK_IN, ANSWER, follow=True)
    assert response.redirect_chain[-1][0] == HISTORY
    check_in = CheckIn.objects.get()
    assert (check_in.user, check_in.month) == (cast.member, selectors.month_of())
    assert (check_in.situation, check_in.mood, check_in.skipped) == ("studying", 4, False)
    assert check_in.helped_circle and check_in.helped_mentor
    assert not (check_in.helped_event or check_in.helped_idea_team or check_in.helped_contact)
    html = response.content.decode()
    assert "Thank you! Your answer was saved." in html
    assert "Studying" in html and "4/5 – good" in html
    assert "a study circle, a mentor" in html


def test_a_second_answer_in_the_same_month_replaces_the_first(client_for, cast):
    client = client_for(cast.member)
    client.post(CHECK_IN, ANSWER)
    client.post(CHECK_IN, {"situation": "employed", "mood": "5"})
    check_in = CheckIn.objects.get()
    assert (check_in.situation, check_in.mood) == ("employed", 5)
    assert not check_in.helped_circle


def test_the_form_shows_this_months_earlier_answer(client_for, cast):
    answer(cast.member, situation="business", mood=2, helped=["event"])
    form = client_for(cast.member).get(CHECK_IN).context["form"]
    assert form.initial == {"situation": "business", "mood": 2, "helped": ["event"]}


def test_each_month_gets_its_own_row():
    member = UserFactory()
    answer(member, today=datetime.date(2026, 9, 30), situation="looking")
    answer(member, today=datetime.date(2026, 10, 1), situation="employed")
    answer(member, today=datetime.date(2026, 10, 20), situation="business")
    rows = list(CheckIn.objects.order_by("month").values_list("month", "situation"))
    assert rows == [
        (datetime.date(2026, 9, 1), "looking"),
        (datetime.date(2026, 10, 1), "business"),
    ]


def test_the_area_is_the_members_area_when_they_answered(cast):
    answer(cast.member, today=datetime.date(2026, 9, 5))
    cast.member.area = cast.other_area
    cast.member.save()
    answer(cast.member, today=datetime.date(2026, 10, 5))
    areas = dict(CheckIn.objects.values_list("month__month", "area"))
    assert areas == {9: cast.area.pk, 10: cast.other_area.pk}


# Skipping


def test_skipping_stores_the_month_so_the_question_is_not_asked_again(client_for, cast):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    assert "What is your situation now?" in client.get(HOME).content.decode()
    response = client.post(SKIP, follow=True)
    assert response.redirect_chain[-1][0] == HOME
    html = response.content.decode()
    assert "All right. We will ask again next month." in html
    assert "What is your situation now?" not in html
    check_in = CheckIn.objects.get()
    assert check_in.skipped and check_in.situation == "" and check_in.mood is None
    assert check_in.area == cast.area


def test_skipping_twice_keeps_one_row():
    member = UserFactory()
    services.check_in_skip(actor=member)
    services.check_in_skip(actor=member)
    assert CheckIn.objects.count() == 1


def test_skipping_keeps_an_answer_already_given():
    member = UserFactory()
    answer(member, situation="employed", mood=5)
    services.check_in_skip(actor=member)
    check_in = CheckIn.objects.get()
    assert (check_in.skipped, check_in.situation, check_in.mood) == (False, "employed", 5)


def test_answering_after_skipping_turns_the_month_into_an_answer():
    member = UserFactory()
    services.check_in_skip(actor=member)
    answer(member, situation="training", mood=4)
    check_in = CheckIn.objects.get()
    assert (check_in.skipped, check_in.situation, check_in.mood) == (False, "training", 4)


def test_skip_by_get_is_refused(client_for, cast):
    assert client_for(cast.member).get(SKIP).status_code == 405
    assert not CheckIn.objects.exists()


# Bad input


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"situation": "looking", "mood": "0"}, "mood", "Choose one of the five faces."),
        ({"situation": "looking", "mood": "6"}, "mood", "Choose one of the five faces."),
        ({"situation": "looking", "mood": "hyvä"}, "mood", "Choose one of the five faces."),
        ({"situation": "looking"}, "mood", "Choose one of the five faces."),
        ({"situation": "retired", "mood": "3"}, "situation", "Choose your situation."),
        ({"mood": "3"}, "situation", "Choose your situation."),
        (
            {"situation": "looking", "mood": "3", "helped": ["luck"]},
            "helped",
            "Choose only from the list.",
        ),
    ],
)
def test_bad_answers_are_explained_and_nothing_is_saved(client_for, cast, data, field, message):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    response = client.post(CHECK_IN, data)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert 'role="alert"' in response.content.decode()
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("situation", "mood", "helped"),
    [("looking", 0, ()), ("looking", 6, ()), ("nothing", 3, ()), ("looking", 3, ("luck",))],
)
def test_the_service_refuses_bad_answers(situation, mood, helped):
    member = UserFactory()
    with pytest.raises(ValidationError):
        answer(member, situation=situation, mood=mood, helped=helped)
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("role", ["mentor", "partner", "contact_person", "project_manager"])
def test_the_service_refuses_people_without_the_member_role(cast, role):
    with pytest.raises(PermissionDenied):
        answer(getattr(cast, role))
    with pytest.raises(PermissionDenied):
        services.check_in_skip(actor=getattr(cast, role))
    assert not CheckIn.objects.exists()


# Who sees what


def test_history_shows_only_the_members_own_months(client_for, cast):
    other = UserFactory()
    answer(other, today=datetime.date(2026, 3, 3), situation="business")
    answer(cast.member, today=datetime.date(2026, 4, 4), situation="employed")
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    response = client.get(HISTORY)
    rows = response.context["page"].object_list
    assert [row.user_id for row in rows] == [cast.member.pk]
    html = response.content.decode()
    assert "April 2026" in html and "March 2026" not in html
    assert "Started a business" not in html


def test_history_is_paginated_newest_first(client_for, cast):
    CheckIn.objects.bulk_create(
        CheckIn(user=cast.member, month=datetime.date(2024 + i // 12, i % 12 + 1, 1), skipped=True)
        for i in range(15)
    )
    client = client_for(cast.member)
    first = client.get(HISTORY).context["page"]
    assert len(first.object_list) == 12 and first.has_next()
    assert first.object_list[0].month == datetime.date(2025, 3, 1)
    second = client.get(HISTORY, {"sivu": "2"}).context["page"]
    assert [row.month for row in second.object_list] == [
        datetime.date(2024, 3, 1),
        datetime.date(2024, 2, 1),
        datetime.date(2024, 1, 1),
    ]
    assert client.get(HISTORY, {"sivu": "x"}).status_code == 200


VIEWS = [("get", CHECK_IN), ("post", CHECK_IN), ("post", SKIP), ("get", HISTORY)]
NOT_MEMBERS = [role for role in ROLES if role not in ("guest", "member")]


@pytest.mark.parametrize(("method", "url"), VIEWS)
def test_guests_are_asked_to_sign_in(client, method, url):
    response = getattr(client, method)(url, ANSWER if method == "post" else None)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign_in"))
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(("method", "url"), VIEWS)
@pytest.mark.parametrize("role", NOT_MEMBERS)
def test_accounts_without_the_member_role_get_a_clear_403(client_for, cast, role, method, url):
    client = client_for(getattr(cast, role))
    client.cookies["django_language"] = "en"
    response = getattr(client, method)(url, ANSWER if method == "post" else None)
    assert response.status_code == 403
    assert "The monthly situation check-in is for members" in response.content.decode()
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(("method", "url"), VIEWS)
def test_members_may_use_every_check_in_page(client_for, cast, method, url):
    response = getattr(client_for(cast.member), method)(url, ANSWER if method == "post" else None)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response.url in (HISTORY, HOME)


def test_a_deactivated_member_cannot_answer(client_for, cast):
    client = client_for(cast.member)
    account_services.user_deactivate(actor=cast.administrator, user=cast.member)
    client.post(CHECK_IN, ANSWER)
    assert not CheckIn.objects.exists()


# The home page card


def test_home_card_shows_the_question_with_a_form_until_answered(client_for, cast):
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    html = client.get(HOME).content.decode()
    assert "What is your situation now?" in html
    assert f'action="{CHECK_IN}"' in html and f'formaction="{SKIP}"' in html
    # The card's inputs have ids of their own, distinct from the check-in page's.
    assert 'id="id_home_situation_0"' in html
    assert len(re.findall(r'type="radio" name="mood"', html)) == 5
    answer(cast.member)
    assert "What is your situation now?" not in client.get(HOME).content.decode()


@pytest.mark.parametrize("role", NOT_MEMBERS)
def test_home_card_is_not_shown_to_other_roles(client_for, cast, role):
    client = client_for(getattr(cast, role))
    client.cookies["django_language"] = "en"
    assert "What is your situation now?" not in client.get(HOME).content.decode()


def test_home_card_costs_one_query(rf, cast, django_assert_num_queries):
    from django.template import Context, Template

    template = Template("{% load check_in %}{% check_in_prompt %}")
    cast.member.roles  # noqa: B018  (read once per request by the layout already)
    with translation.override("en"), django_assert_num_queries(1):
        html = template.render(Context({"user": cast.member}))
    assert "What is your situation now?" in html


def test_home_page_query_count_stays_bounded(client_for, cast, django_assert_max_num_queries):
    client = client_for(cast.member)
    for _ in range(20):
        answer(UserFactory())
    with django_assert_max_num_queries(10):
        client.get(HOME)


def test_history_query_count_does_not_grow_with_months(
    client_for, cast, django_assert_max_num_queries
):
    CheckIn.objects.bulk_create(
        CheckIn(
            user=cast.member,
            month=datetime.date(2024 + i // 12, i % 12 + 1, 1),
            situation="looking",
            mood=3,
            helped_event=True,
        )
        for i in range(24)
    )
    client = client_for(cast.member)
    with django_assert_max_num_queries(8):
        response = client.get(HISTORY)
    assert len(response.context["page"].object_list) == 12


def test_check_in_page_query_count(client_for, cast, django_assert_max_num_queries):
    client = client_for(cast.member)
    with django_assert_max_num_queries(8):
        client.get(CHECK_IN)
    with django_assert_max_num_queries(12):
        client.post(CHECK_IN, ANSWER)


# The person's own data


def test_the_data_download_includes_the_check_ins(cast):
    answer(cast.member, today=datetime.date(2026, 5, 2), situation="employed", helped=["mentor"])
    services.check_in_skip(actor=cast.member, today=datetime.date(2026, 6, 2))
    answer(UserFactory(), today=datetime.date(2026, 5, 2))
    exported = account_services.user_data_export(user=cast.member)["check_ins"]
    assert [(row["month"], row["skipped"], row["situation"]) for row in exported] == [
        ("2026-05", False, "employed"),
        ("2026-06", True, None),
    ]
    assert exported[0]["helped"] == ["mentor"]
    assert exported[0]["employment_area"] == cast.area.name


def test_deleting_the_account_deletes_the_check_ins(cast):
    answer(cast.member)
    kept = answer(UserFactory())
    account_services.user_delete(user=cast.member)
    assert list(CheckIn.objects.all()) == [kept]


# Races


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_answers_at_once_leave_one_row():
    member = UserFactory()
    errors = run_at_once(
        lambda situation: answer(member, situation=situation), ["employed", "studying"]
    )
    assert not errors
    assert CheckIn.objects.filter(user=member).count() == 1
    assert CheckIn.objects.get(user=member).situation in ("employed", "studying")


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_answer_and_a_skip_at_once_leave_one_row():
    member = UserFactory()
    errors = run_at_once(
        lambda action: action(),
        [lambda: answer(member), lambda: services.check_in_skip(actor=member)],
    )
    assert not errors
    assert CheckIn.objects.filter(user=member).count() == 1


def test_skipping_is_offered_only_while_the_month_has_no_answer(client_for, cast):
    client = client_for(cast.member)
    assert f'formaction="{SKIP}"' in client.get(CHECK_IN).content.decode()
    services.check_in_skip(actor=cast.member)
    assert f'formaction="{SKIP}"' in client.get(CHECK_IN).content.decode()
    answer(cast.member)
    assert f'formaction="{SKIP}"' not in client.get(CHECK_IN).content.decode()


def test_permission_table(cast):
    from django.contrib.auth.models import AnonymousUser

    from ideahautomo.impact import permissions

    table = {
        role: (
            permissions.can_check_in(user or AnonymousUser()),
            permissions.can_give_named_feedback(user or AnonymousUser()),
        )
        for role, user in cast.by_role().items()
    }
    assert table == {
        "guest": (False, False),
        "member": (True, True),
        **dict.fromkeys(NOT_MEMBERS, (False, True)),
    }


@pytest.mark.parametrize("role", [Role.MENTOR, Role.PARTNER, Role.CONTACT_PERSON])
def test_a_member_who_is_also_staff_mentor_or_partner_is_not_asked(client_for, cast, role):
    person = UserFactory(area=cast.area)
    assert permissions.can_check_in(person)
    RoleAssignment.objects.create(
        user=person,
        role=role,
        area=cast.area if role == Role.CONTACT_PERSON else None,
        organisation=PartnerOrganisationFactory() if role == Role.PARTNER else None,
    )
    person = User.objects.get(pk=person.pk)
    assert not permissions.can_check_in(person)
    with pytest.raises(PermissionDenied):
        answer(person)
    assert not CheckIn.objects.filter(user=person).exists()


def test_the_new_paths_of_the_seeds_can_be_answered(cast):
    for situation in ("gig_work", "subsidised", "light_biz", "volunteer"):
        member = UserFactory(area=cast.area)
        services.check_in_answer(actor=member, situation=situation, mood=4)
        assert CheckIn.objects.get(user=member).situation == situation
