"""The moderators' suspension pages and the rules behind them, over the whole cast."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts import permissions, services
from ideahautomo.accounts.models import ModerationWarning, Role, RoleAssignment, Suspension
from ideahautomo.testing import LOGIN, assert_role_table, expect, page_check, rule_check

from .factories import PASSWORD, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

MODERATOR_ONLY = expect(403, guest=LOGIN, moderator=200)
MODERATOR_ACTS = expect(403, guest=LOGIN, moderator=302)


def suspension_of(person, by, *, days=7):
    return services.user_suspend(
        user=person,
        by=by,
        reason="Häiritsevää viestittelyä.",
        ends_at=timezone.now() + timedelta(days=days) if days else None,
    )


def second_moderator():
    return user_with_role(Role.MODERATOR, email="toinen.moderaattori@example.fi")


def appealed(person, by):
    suspension = suspension_of(person, by)
    return services.suspension_appeal_create(
        suspension=suspension, text="Pyydän uutta katsomista.", client=f"10.0.0.{suspension.pk}"
    )


# Who may open and use each page


@pytest.mark.parametrize(
    "page", ["suspension_list", "user_suspend", "user_warn", "suspension_detail"]
)
def test_only_moderators_open_the_suspension_pages(cast, client_for, page):
    member = UserFactory()
    args = {
        "suspension_list": [],
        "user_suspend": [member.pk],
        "user_warn": [member.pk],
        "suspension_detail": [suspension_of(UserFactory(), second_moderator()).pk],
    }[page]
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse(f"accounts:{page}", args=args)),
        MODERATOR_ONLY,
        label=page,
    )


def test_only_moderators_suspend(cast, client_for):
    def check(role):
        url = reverse("accounts:user_suspend", args=[UserFactory().pk])
        data = {"reason": "Syy", "period": "7"}
        return page_check(client_for, cast.by_role(), url, method="post", data=data)(role)

    assert_role_table(check, MODERATOR_ACTS, label="suspend")


def test_only_moderators_warn(cast, client_for):
    def check(role):
        url = reverse("accounts:user_warn", args=[UserFactory().pk])
        data = {"reason": "Syy", "guideline": "kindness"}
        return page_check(client_for, cast.by_role(), url, method="post", data=data)(role)

    assert_role_table(check, MODERATOR_ACTS, label="warn")


def test_only_moderators_lift(cast, client_for):
    def check(role):
        suspension = suspension_of(UserFactory(), cast.moderator)
        url = reverse("accounts:suspension_lift", args=[suspension.pk])
        data = {"lift-reason": "Sovittu."}
        return page_check(client_for, cast.by_role(), url, method="post", data=data)(role)

    assert_role_table(check, MODERATOR_ACTS, label="lift")


def test_only_a_moderator_who_did_not_suspend_decides_an_appeal(cast, client_for):
    other = second_moderator()

    def check(role, suspender):
        suspension = appealed(UserFactory(), suspender)
        url = reverse("accounts:suspension_appeal_decide", args=[suspension.pk])
        data = {"decision-decision": "lift", "decision-reason": "Ei rikettä."}
        return page_check(client_for, cast.by_role(), url, method="post", data=data)(role)

    assert_role_table(lambda role: check(role, other), MODERATOR_ACTS, label="decide")
    assert_role_table(
        lambda role: check(role, cast.moderator),
        expect(403, guest=LOGIN),
        label="decide own suspension",
    )


def test_actions_refuse_get(cast, client_for):
    suspension = suspension_of(UserFactory(), cast.moderator)
    client = client_for(cast.moderator)
    for name in ("suspension_lift", "suspension_appeal_decide"):
        assert client.get(reverse(f"accounts:{name}", args=[suspension.pk])).status_code == 405


def test_the_suspended_page_is_only_reached_through_the_password(cast, client_for):
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse("accounts:suspended")), expect(LOGIN)
    )


def test_whom_a_moderator_may_suspend_or_warn(cast, client_for):
    """Members, mentors and partners; never staff, never the moderator themselves."""
    people = cast.users()
    people["guest"] = None
    allowed = expect(False, member=True, mentor=True, partner=True)
    for rule in (permissions.can_suspend_user, permissions.can_warn_user):
        assert_role_table(
            lambda role, rule=rule: bool(people[role]) and rule(cast.moderator, people[role]),
            allowed,
            label=rule.__name__,
        )
    client = client_for(cast.moderator)
    assert_role_table(
        lambda role: (
            client.get(reverse("accounts:user_suspend", args=[people[role].pk])).status_code
            if people[role]
            else False
        ),
        expect(403, guest=False, member=200, mentor=200, partner=200),
        label="suspend page for",
    )


def test_who_may_suspend_a_member(cast):
    assert_role_table(
        rule_check(permissions.can_suspend_user, cast.users(), UserFactory()),
        expect(False, moderator=True),
    )
    assert_role_table(
        rule_check(permissions.can_warn_user, cast.users(), UserFactory()),
        expect(False, moderator=True),
    )


def test_who_may_lift_and_decide(cast):
    other = second_moderator()
    by_cast_moderator = appealed(UserFactory(), cast.moderator)
    by_other = appealed(UserFactory(), other)
    assert_role_table(
        rule_check(permissions.can_lift_suspension, cast.users(), by_cast_moderator),
        expect(False, moderator=True),
    )
    assert_role_table(
        rule_check(permissions.can_decide_suspension_appeal, cast.users(), by_other),
        expect(False, moderator=True),
    )
    assert_role_table(
        rule_check(permissions.can_decide_suspension_appeal, cast.users(), by_cast_moderator),
        expect(False),
    )
    assert permissions.can_decide_suspension_appeal(other, by_cast_moderator)
    lifted = services.suspension_lift(suspension=by_other, by=other, reason="Sovittu.")
    assert not permissions.can_lift_suspension(cast.moderator, lifted)
    assert not permissions.can_decide_suspension_appeal(cast.moderator, lifted)


# What the pages do


@pytest.mark.parametrize(("period", "days"), [("1", 1), ("7", 7), ("30", 30), ("permanent", None)])
def test_moderator_suspends_for_a_period_or_for_good(cast, client_for, period, days):
    response = client_for(cast.moderator).post(
        reverse("accounts:user_suspend", args=[cast.member.pk]),
        {"reason": "Häiritsevää viestittelyä.", "guideline": "harassment", "period": period},
    )
    suspension = Suspension.objects.get(user=cast.member)
    assert response["Location"] == reverse("accounts:suspension_detail", args=[suspension.pk])
    assert suspension.guideline == "harassment"
    if days is None:
        assert suspension.ends_at is None
    else:
        expected = timezone.now() + timedelta(days=days)
        assert abs(suspension.ends_at - expected) < timedelta(minutes=1)


def test_moderator_suspends_until_a_date(cast, client_for):
    day = timezone.localdate() + timedelta(days=10)
    client_for(cast.moderator).post(
        reverse("accounts:user_suspend", args=[cast.member.pk]),
        {"reason": "Syy", "period": "date", "end_date": day.isoformat()},
    )
    suspension = Suspension.objects.get(user=cast.member)
    assert timezone.localtime(suspension.ends_at).date() == day


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"reason": "", "period": "7"}, "reason"),
        ({"reason": "x" * 1001, "period": "7"}, "reason"),
        ({"reason": "Syy", "period": "date"}, "end_date"),
        ({"reason": "Syy", "period": "date", "end_date": "2020-01-01"}, "end_date"),
        ({"reason": "Syy", "period": "ikuisesti"}, "period"),
    ],
)
def test_bad_input_is_shown_in_finnish_and_nothing_is_saved(cast, client_for, data, field):
    response = client_for(cast.moderator).post(
        reverse("accounts:user_suspend", args=[cast.member.pk]), data
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "Tarkista lomake" in response.content.decode()
    assert not Suspension.objects.exists()


def test_an_already_suspended_person_gets_no_second_form(cast, client_for):
    suspension = suspension_of(cast.member, cast.moderator)
    response = client_for(cast.moderator).get(
        reverse("accounts:user_suspend", args=[cast.member.pk])
    )
    assert response.context["form"] is None
    assert reverse("accounts:suspension_detail", args=[suspension.pk]) in response.content.decode()


def test_lifting_needs_a_reason(cast, client_for):
    suspension = suspension_of(cast.member, cast.moderator)
    response = client_for(cast.moderator).post(
        reverse("accounts:suspension_lift", args=[suspension.pk]), {"lift-reason": " "}
    )
    assert response.status_code == 400
    suspension.refresh_from_db()
    assert suspension.lifted_at is None


def test_the_detail_page_offers_the_decision_only_to_another_moderator(cast, client_for):
    suspension = appealed(cast.member, cast.moderator)
    url = reverse("accounts:suspension_detail", args=[suspension.pk])
    own = client_for(cast.moderator).get(url)
    assert own.context["decision_form"] is None
    assert "Pyydän uutta katsomista." in own.content.decode()
    client_for(cast.moderator).logout()
    other = client_for(second_moderator()).get(url)
    assert other.context["decision_form"] is not None


def test_the_warning_is_kept_on_the_record_moderators_see(cast, client_for):
    client = client_for(cast.moderator)
    response = client.post(
        reverse("accounts:user_warn", args=[cast.member.pk]),
        {"reason": "Asiaton <b>kommentti</b>.", "guideline": "kindness"},
    )
    assert response.status_code == 302
    assert ModerationWarning.objects.get().user == cast.member
    page = client.get(reverse("accounts:user_suspend", args=[cast.member.pk])).content.decode()
    assert "Asiaton &lt;b&gt;kommentti&lt;/b&gt;." in page


def test_an_empty_warning_is_refused(cast, client_for):
    response = client_for(cast.moderator).post(
        reverse("accounts:user_warn", args=[cast.member.pk]), {"reason": ""}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    assert not ModerationWarning.objects.exists()


def test_the_list_shows_waiting_appeals_first_and_its_queries_stay_flat(
    cast, client_for, django_assert_max_num_queries
):
    client = client_for(cast.moderator)
    url = reverse("accounts:suspension_list")
    for _ in range(3):
        suspension_of(UserFactory(), cast.moderator)
    waiting = appealed(UserFactory(display_name="Valittava Jäsen"), cast.moderator)
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for _ in range(40):
        suspension_of(UserFactory(), cast.moderator)
    with django_assert_max_num_queries(10) as many:
        response = client.get(url)
    assert response.context["page"].object_list[0] == waiting
    assert len(response.context["page"].object_list) == 30
    assert len(many.captured_queries) == len(few.captured_queries)
    appeals = client.get(url, {"valitukset": "1"})
    assert list(appeals.context["page"].object_list) == [waiting]


def test_lifted_and_ended_suspensions_leave_the_list(cast, client_for):
    lifted = suspension_of(UserFactory(), cast.moderator)
    services.suspension_lift(suspension=lifted, by=cast.moderator, reason="Sovittu.")
    ended = suspension_of(UserFactory(), cast.moderator)
    Suspension.objects.filter(pk=ended.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1)
    )
    in_force = suspension_of(UserFactory(), cast.moderator)
    response = client_for(cast.moderator).get(reverse("accounts:suspension_list"))
    assert list(response.context["page"].object_list) == [in_force]


def test_moderators_find_the_suspend_link_on_a_profile_and_a_report(cast, client_for):
    from ideahautomo.profiles.models import Profile
    from ideahautomo.testing.factories import report_for

    RoleAssignment.objects.create(user=cast.moderator, role=Role.MEMBER)
    link = reverse("accounts:user_suspend", args=[cast.member.pk])
    profile = reverse("profiles:detail", args=[cast.member.pk])
    assert link in client_for(cast.moderator).get(profile).content.decode()
    client_for(cast.moderator).logout()
    assert link not in client_for(cast.mentor).get(profile).content.decode()
    client_for(cast.mentor).logout()

    case = report_for(cast.mentor, "profile", Profile.objects.get(pk=cast.member.pk)).case
    case_page = reverse("moderation:case", args=[case.pk])
    assert link in client_for(cast.moderator).get(case_page).content.decode()
    client_for(cast.moderator).logout()
    assert link not in client_for(cast.project_manager).get(case_page).content.decode()


def test_moderators_are_rate_limited(cast, settings):
    from ideahautomo.lib import ratelimit

    for _ in range(services.MODERATOR_ACTIONS_PER_HOUR):
        ratelimit.hit(services.MODERATOR_ACTION_SCOPE, cast.moderator.pk, window=3600)
    with pytest.raises(ValidationError) as refused:
        suspension_of(cast.member, cast.moderator)
    assert refused.value.code == "rate_limited"
    assert not Suspension.objects.exists()


def test_the_pages_of_one_person_read_a_bounded_number_of_queries(
    cast, client, client_for, django_assert_max_num_queries
):
    for _ in range(25):
        services.user_warn(user=cast.member, by=cast.moderator, reason="Asiaton.")
    suspension = appealed(cast.member, second_moderator())
    moderator = client_for(cast.moderator)
    for url in (
        reverse("accounts:suspension_detail", args=[suspension.pk]),
        reverse("accounts:user_suspend", args=[cast.member.pk]),
        reverse("accounts:user_warn", args=[cast.member.pk]),
    ):
        with django_assert_max_num_queries(10):
            assert moderator.get(url).status_code == 200
    moderator.logout()
    client.post(reverse("accounts:sign_in"), {"email": cast.member.email, "password": PASSWORD})
    with django_assert_max_num_queries(10):
        response = client.get(reverse("accounts:suspended"))
    assert response.context["suspension"] == suspension
