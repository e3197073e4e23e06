"""Profile pages: who may see what, the set-up steps, the directory and its query counts."""

import pytest
from django.urls import reverse

from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.profiles import connections, services
from ideahautomo.profiles.models import Profile, ProfileSkill
from ideahautomo.testing import LOGIN, ROLES, assert_role_table, expect, page_check, status_of

pytestmark = pytest.mark.django_db

MEMBERS_ONLY = expect(403, guest=LOGIN, member=200, mentor=200, partner=200)


@pytest.mark.parametrize(
    "url_name",
    ["profiles:mine", "profiles:directory", "profiles:suggestions", "profiles:photo"],
)
def test_who_may_open_the_member_pages(cast, client_for, url_name):
    assert_role_table(
        page_check(client_for, cast.by_role(), reverse(url_name)),
        MEMBERS_ONLY,
        label=url_name,
    )


@pytest.mark.parametrize(
    ("visibility", "table"),
    [
        (Profile.Visibility.MEMBERS, expect(404, guest=LOGIN, mentor=200, partner=200)),
        (Profile.Visibility.CONNECTIONS, expect(404, guest=LOGIN)),
        (Profile.Visibility.HIDDEN, expect(404, guest=LOGIN)),
    ],
)
def test_who_sees_someone_elses_profile(cast, client_for, visibility, table):
    """The member's own profile, seen by everyone else: staff never, guests never."""
    owner = cast.member
    Profile.objects.filter(pk=owner.pk).update(visibility=visibility)
    url = reverse("profiles:detail", args=[owner.pk])
    for role, expected in zip(ROLES, table, strict=True):
        if role == "member":
            continue  # the owner, below
        client = client_for(cast.by_role()[role])
        got = status_of(client.get(url))
        assert got == expected, f"{visibility} profile as {role}: {got}, expected {expected}"
        client.logout()
    assert client_for(owner).get(url).status_code == 200


def test_connections_see_a_profile_shown_to_the_same_circles_and_ideas(cast, client_for):
    Profile.objects.filter(pk=cast.member.pk).update(visibility=Profile.Visibility.CONNECTIONS)
    url = reverse("profiles:detail", args=[cast.member.pk])

    def same_group(user_id):
        pairs = {cast.member.pk: {cast.mentor.pk}, cast.mentor.pk: {cast.member.pk}}
        return pairs.get(user_id, set())

    connections.register_connection_source(same_group)
    try:
        assert client_for(cast.mentor).get(url).status_code == 200
        client_for(cast.partner)
        assert client_for(cast.partner).get(url).status_code == 404
    finally:
        connections._sources.remove(same_group)


def test_profile_never_shows_the_email_address(cast, client_for):
    content = client_for(cast.mentor).get(reverse("profiles:detail", args=[cast.member.pk]))
    assert cast.member.email not in content.content.decode()


def test_deactivated_members_profile_is_gone(cast, client_for):
    type(cast.member).objects.filter(pk=cast.member.pk).update(is_active=False)
    url = reverse("profiles:detail", args=[cast.member.pk])
    assert client_for(cast.mentor).get(url).status_code == 404


def test_onboarding_walks_every_step_and_ends_in_suggestions(cast, client_for):
    client = client_for(cast.member)
    start = client.get(reverse("profiles:onboarding"))
    assert start["Location"] == "/profiili/tavoitteet/?aloitus=1"

    finnish = ProfileSkill  # noqa: F841 - readability of the steps below
    steps = [
        (
            "tavoitteet",
            {
                "goals": ["goal_learn", "goal_work"],
                "municipality": municipality("092").pk,
                "meets_online": "on",
            },
        ),
        (
            "kielet",
            {
                "kieli-TOTAL_FORMS": "2",
                "kieli-INITIAL_FORMS": "0",
                "kieli-0-code": "uk",
                "kieli-0-level": "native",
                "kieli-1-code": "fi",
                "kieli-1-level": "A2",
            },
        ),
        ("osaaminen", {"other": "kirjanpito, Excel"}),
        ("oppiminen", {"other": "Finnish language"}),
        (
            "esittely",
            {"introduction": "Hei!", "can_help_with": "", "looking_for": "", "real_name": ""},
        ),
        ("nakyvyys", {"visibility": "members"}),
    ]
    for slug, data in steps:
        response = client.post(reverse("profiles:step", args=[slug]), {**data, "aloitus": "1"})
        assert response.status_code == 302, (
            slug,
            response.context and response.context["forms"][0].errors,
        )

    assert response["Location"] == reverse("profiles:suggestions")
    profile = Profile.objects.get(pk=cast.member.pk)
    assert profile.onboarded_at is not None
    assert profile.goal_learn and profile.goal_work
    assert sorted(profile.languages.values_list("code", "level")) == [
        ("fi", "A2"),
        ("uk", "native"),
    ]
    assert set(profile.skill_links.values_list("relation", "skill__key")) == {
        ("has", "kirjanpito"),
        ("has", "excel"),
        ("wants", "suomen kieli"),
    }


def test_every_step_can_be_skipped(cast, client_for):
    response = client_for(cast.member).get("/profiili/kielet/?aloitus=1")
    assert response.context["skip_url"] == "/profiili/osaaminen/?aloitus=1"


def test_unknown_step_is_404(cast, client_for):
    assert client_for(cast.member).get("/profiili/salaisuus/").status_code == 404


@pytest.mark.parametrize(
    ("slug", "data", "field"),
    [
        ("tavoitteet", {"goals": ["goal_fly"]}, "goals"),
        ("tavoitteet", {"municipality": "99999"}, "municipality"),
        (
            "kielet",
            {
                "kieli-TOTAL_FORMS": "1",
                "kieli-INITIAL_FORMS": "0",
                "kieli-0-code": "fi",
                "kieli-0-level": "",
            },
            "level",
        ),
        (
            "kielet",
            {
                "kieli-TOTAL_FORMS": "1",
                "kieli-INITIAL_FORMS": "0",
                "kieli-0-code": "klingon",
                "kieli-0-level": "A1",
            },
            "code",
        ),
        ("esittely", {"introduction": "x" * 2001}, "introduction"),
        ("nakyvyys", {"visibility": "everyone"}, "visibility"),
    ],
)
def test_bad_input_in_a_step_is_explained_and_nothing_is_saved(cast, client_for, slug, data, field):
    before = Profile.objects.get(pk=cast.member.pk).updated_at
    response = client_for(cast.member).post(reverse("profiles:step", args=[slug]), data)

    assert response.status_code == 200
    form = response.context["forms"][0]
    errors = (
        form.errors
        if hasattr(form, "cleaned_data") and not hasattr(form, "forms")
        else form.errors[0]
    )
    assert field in errors
    assert Profile.objects.get(pk=cast.member.pk).updated_at == before


def test_thousands_of_tags_are_refused_with_a_message(cast, client_for):
    names = ", ".join(f"taito{n}" for n in range(3000))
    response = client_for(cast.member).post(
        reverse("profiles:step", args=["osaaminen"]), {"other": names[:1000]}
    )
    assert response.status_code == 200
    assert response.context["forms"][0].non_field_errors()
    assert not ProfileSkill.objects.filter(profile_id=cast.member.pk).exists()


def test_directory_filters(cast, client_for):
    vantaa, helsinki = municipality("092"), municipality("091")
    olena = UserFactory(display_name="Olena Shevchenko", municipality=vantaa).profile
    matti = UserFactory(display_name="Matti Virtanen", municipality=helsinki).profile
    services.profile_set_languages(
        actor=olena.user, profile=olena, entries=[("uk", "native"), ("fi", "A2")]
    )
    services.profile_set_languages(actor=matti.user, profile=matti, entries=[("fi", "native")])
    services.profile_set_skills(
        actor=matti.user, profile=matti, relation="has", names=["Kirjanpito"]
    )
    services.profile_update(actor=olena.user, profile=olena, goal_learn=True)
    client = client_for(cast.mentor)

    def names(**params):
        response = client.get(reverse("profiles:directory"), params)
        return sorted(p.user.display_name for p in response.context["page"].object_list)

    assert names(kunta=vantaa.pk) == ["Olena Shevchenko"]
    assert names(kieli="uk") == ["Olena Shevchenko"]
    assert names(kieli="fi", taso="B1") == ["Matti Virtanen"]
    assert names(osaaminen="kirjanpito") == ["Matti Virtanen"]
    assert names(tavoite="goal_learn") == ["Olena Shevchenko"]
    assert names(q="shev") == ["Olena Shevchenko"]
    assert names(q="kirja") == ["Matti Virtanen"]
    assert names(q="zzz") == []


def test_directory_leaves_out_hidden_inactive_staff_only_and_oneself(cast, client_for):
    hidden = UserFactory(display_name="Piilo").profile
    Profile.objects.filter(pk=hidden.pk).update(visibility=Profile.Visibility.HIDDEN)
    UserFactory(display_name="Poissa", is_active=False)

    response = client_for(cast.member).get(reverse("profiles:directory"))

    shown = {p.user.display_name for p in response.context["page"].object_list}
    assert "Piilo" not in shown and "Poissa" not in shown
    assert cast.member.display_name not in shown
    assert cast.contact_person.display_name not in shown  # staff without the member role
    assert cast.mentor.display_name in shown


def test_directory_query_count_does_not_grow(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.member)

    def add_people(count):
        for number in range(count):
            profile = UserFactory(municipality=municipality("091")).profile
            services.profile_set_skills(
                actor=None, profile=profile, relation="has", names=[f"taito {number % 5}"]
            )
            services.profile_set_languages(actor=None, profile=profile, entries=[("fi", "native")])

    search = {"kieli": "fi", "q": "taito"}
    add_people(2)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("profiles:directory"), search)
    add_people(40)
    with django_assert_max_num_queries(10) as many:
        response = client.get(reverse("profiles:directory"), search)

    assert len(response.context["page"].object_list) == 24
    assert response.context["page"].has_next()
    assert len(many.captured_queries) == len(few.captured_queries)


def test_directory_refuses_bad_filters_without_error(cast, client_for):
    response = client_for(cast.member).get(
        reverse("profiles:directory"),
        {"kunta": "abc", "kieli": "<x>", "sivu": "-5", "q": "x" * 500},
    )
    assert response.status_code == 200
    assert response.context["form"].errors


def test_other_photos_are_served_only_to_those_who_see_the_profile(
    cast, client_for, settings, tmp_path
):
    from .test_services import image_upload

    settings.MEDIA_ROOT = tmp_path
    profile = cast.member.profile
    services.profile_set_photo(actor=cast.member, profile=profile, upload=image_upload())
    url = reverse("profiles:photo_file", args=[cast.member.pk])

    assert client_for(cast.mentor).get(url).status_code == 200
    client_for(None).logout()
    assert status_of(client_for(None).get(url)) == LOGIN
    assert client_for(cast.contact_person).get(url).status_code == 404
    Profile.objects.filter(pk=profile.pk).update(visibility=Profile.Visibility.HIDDEN)
    assert client_for(cast.mentor).get(url).status_code == 404


def test_uploading_a_photo_through_the_page(cast, client_for, settings, tmp_path):
    from .test_services import image_upload

    settings.MEDIA_ROOT = tmp_path
    client = client_for(cast.member)
    bad = client.post(
        reverse("profiles:photo"), {"photo": image_upload().__class__("x.png", b"nope")}
    )
    assert bad.context["form"].errors["photo"]

    good = client.post(reverse("profiles:photo"), {"photo": image_upload()})
    assert good.status_code == 302
    assert Profile.objects.get(pk=cast.member.pk).photo


def test_profile_pages_render_member_text_escaped(cast, client_for):
    profile = cast.member.profile
    services.profile_update(
        actor=cast.member,
        profile=profile,
        can_help_with="<script>alert(1)</script>",
        introduction="<img src=x onerror=alert(1)>",
    )
    content = (
        client_for(cast.mentor)
        .get(reverse("profiles:detail", args=[cast.member.pk]))
        .content.decode()
    )
    assert "<script>alert(1)</script>" not in content
    assert "<img src=x" not in content


def test_own_profile_shows_the_next_useful_step(cast, client_for):
    response = client_for(cast.member).get(reverse("profiles:mine"))
    assert response.context["percent"] == 0
    assert response.context["next_step"][0] == "tavoitteet"


STAFF_ONLY = ["contact_person", "other_contact_person", "project_manager", "moderator"]


@pytest.mark.parametrize("role", [*STAFF_ONLY, "administrator"])
def test_staff_only_accounts_have_no_profile_page_or_photo_for_members(
    cast, client_for, settings, tmp_path, role
):
    """As in the directory: without a community role a person is "not found"."""
    from .test_services import image_upload

    settings.MEDIA_ROOT = tmp_path
    staff = cast.by_role()[role]
    services.profile_set_photo(actor=staff, profile=staff.profile, upload=image_upload())
    client = client_for(cast.member)
    page = client.get(reverse("profiles:detail", args=[staff.pk]))
    photo = client.get(reverse("profiles:photo_file", args=[staff.pk]))
    assert page.status_code == 404
    assert staff.display_name not in page.content.decode()
    assert photo.status_code == 404


def test_staff_who_are_also_members_keep_their_profile_page(cast, client_for):
    from ideahautomo.accounts.models import Role, RoleAssignment

    RoleAssignment.objects.create(user=cast.moderator, role=Role.MEMBER)
    url = reverse("profiles:detail", args=[cast.moderator.pk])
    assert client_for(cast.member).get(url).status_code == 200


def test_a_profile_page_and_its_photo_take_few_queries(
    cast, client_for, settings, tmp_path, django_assert_max_num_queries
):
    from .test_services import image_upload

    settings.MEDIA_ROOT = tmp_path
    services.profile_set_photo(
        actor=cast.mentor, profile=cast.mentor.profile, upload=image_upload()
    )
    client = client_for(cast.member)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("profiles:detail", args=[cast.mentor.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("profiles:photo_file", args=[cast.mentor.pk])).status_code == 200


def test_the_real_name_field_says_optional_once(cast, client_for):
    html = client_for(cast.member).get(reverse("profiles:step", args=["esittely"])).content.decode()
    assert "Oikea nimi <span" in html
    assert "(vapaaehtoinen)</span>" in html
    assert "(vapaaehtoinen) <span" not in html


def test_a_mentors_profile_shows_the_offer_with_one_query_more(
    cast, client_for, django_assert_max_num_queries
):
    """The mentor profile comes with the profile's own query; its skills take one more."""
    from ideahautomo.accounts.models import Role, RoleAssignment

    services.mentor_profile_update(
        actor=cast.mentor, topic_business=True, skill_names=["kirjanpito", "markkinointi"]
    )
    client = client_for(cast.member)
    with django_assert_max_num_queries(11):
        page = client.get(reverse("profiles:detail", args=[cast.mentor.pk])).content.decode()
    assert 'class="badge"' in page and "kirjanpito" in page
    RoleAssignment.objects.filter(user=cast.mentor, role=Role.MENTOR).delete()
    RoleAssignment.objects.create(user=cast.mentor, role=Role.MEMBER)
    page = client.get(reverse("profiles:detail", args=[cast.mentor.pk])).content.decode()
    assert 'class="badge"' not in page  # no longer a mentor: no mark
