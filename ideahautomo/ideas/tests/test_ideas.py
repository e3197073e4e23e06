"""Ideas: publishing, the team, the discussion, who may do what, and bounded queries."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.ideas import notices, services
from ideahautomo.ideas.models import Idea, IdeaComment, JoinRequest, TeamMember
from ideahautomo.ideas.notices import Kind
from ideahautomo.profiles import services as profile_services
from ideahautomo.testing import LOGIN, ROLES, assert_role_table, expect, page_check, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def events(monkeypatch):
    """What ideas told after commit, as (kind, recipients), instead of notifying."""
    sent = []

    def record(*, kind, recipient_ids, **kwargs):
        sent.append((kind, recipient_ids))

    monkeypatch.setattr(notices, "deliver", record)
    return sent


def publish(owner, **overrides):
    values = {
        "title": "Yhteinen kahvila",
        "description": "Etsin **leipureita**.",
        "category": Idea.Category.ENTREPRENEURSHIP,
        "municipality": municipality("091"),
        "online": False,
        "visibility": Idea.Visibility.MEMBERS,
        "skill_names": ["leipominen", "Markkinointi"],
    }
    values.update(overrides)
    return services.idea_create(actor=owner, **values)


def test_publishing_renders_markdown_and_uses_the_skill_vocabulary(cast):
    idea = publish(cast.member, description="**Hei** <script>alert(1)</script>")

    assert "<strong>Hei</strong>" in idea.description_html
    assert "<script>" not in idea.description_html
    assert sorted(skill.key for skill in idea.skills.all()) == ["leipominen", "markkinointi"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "   "}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"municipality": None, "online": False}, "municipality, online, or both"),
        ({"description": "x" * 5001}, "description"),
        ({"skill_names": [f"taito {n}" for n in range(50)]}, "At most 15"),
    ],
)
def test_bad_ideas_are_refused_and_nothing_is_saved(cast, overrides, message):
    with pytest.raises(ValidationError, match=message):
        publish(cast.member, **overrides)
    assert not Idea.objects.exists()


def test_staff_only_accounts_cannot_publish(cast):
    with pytest.raises(PermissionDenied):
        publish(cast.contact_person)


def test_the_join_journey_forms_a_team_and_tells_each_side(
    cast, events, django_capture_on_commit_callbacks
):
    idea = publish(cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        request = services.join_request_create(actor=cast.mentor, idea=idea, message="Voin auttaa.")
    with pytest.raises(ValidationError, match="already asked"):
        services.join_request_create(actor=cast.mentor, idea=idea)

    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_decide(actor=cast.member, join_request=request, accept=True)

    idea.refresh_from_db()
    assert idea.status == Idea.Status.FORMING
    assert TeamMember.objects.filter(idea=idea, user=cast.mentor).exists()
    assert events == [
        (Kind.JOIN_REQUEST, [cast.member.pk]),
        (Kind.JOIN_ACCEPTED, [cast.mentor.pk]),
    ]
    with pytest.raises(ValidationError, match="already been answered"):
        services.join_request_decide(actor=cast.member, join_request=request, accept=False)


def test_only_the_owner_decides_and_team_members_cannot_ask_again(cast):
    idea = publish(cast.member)
    request = services.join_request_create(actor=cast.mentor, idea=idea)
    with pytest.raises(PermissionDenied):
        services.join_request_decide(actor=cast.partner, join_request=request, accept=True)
    services.join_request_decide(actor=cast.member, join_request=request, accept=True)
    with pytest.raises(PermissionDenied):
        services.join_request_create(actor=cast.mentor, idea=idea)


@pytest.mark.parametrize("status", [Idea.Status.IN_PROGRESS, Idea.Status.DONE, Idea.Status.PAUSED])
def test_a_closed_idea_takes_no_join_requests(cast, status):
    idea = publish(cast.member)
    services.idea_change_status(actor=cast.member, idea=idea, status=status, note="Tilanne.")

    with pytest.raises(ValidationError, match="not looking for team members"):
        services.join_request_create(actor=cast.mentor, idea=idea)
    assert not JoinRequest.objects.exists()


def test_status_change_needs_a_note_and_reaches_followers(
    cast, events, django_capture_on_commit_callbacks
):
    idea = publish(cast.member)
    services.follow_toggle(actor=cast.mentor, idea=idea)
    with pytest.raises(ValidationError, match="short note"):
        services.idea_change_status(actor=cast.member, idea=idea, status="in_progress", note=" ")

    with django_capture_on_commit_callbacks(execute=True):
        services.idea_change_status(
            actor=cast.member, idea=idea, status="in_progress", note="Aloitamme!"
        )

    assert events == [(Kind.STATUS, [cast.mentor.pk])]
    assert idea.updates.get().body == "Aloitamme!"


def test_comments_have_one_reply_level_edit_marker_and_soft_delete(
    cast, events, django_capture_on_commit_callbacks
):
    idea = publish(cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.comment_create(actor=cast.mentor, idea=idea, body="Hyvä!")
        reply = services.comment_create(actor=cast.member, idea=idea, body="Kiitos", parent=first)
        deeper = services.comment_create(actor=cast.partner, idea=idea, body="Samaa", parent=reply)

    assert reply.parent == first and deeper.parent == first
    services.comment_update(actor=cast.mentor, comment=first, body="Tosi hyvä!")
    first.refresh_from_db()
    assert first.edited_at is not None
    with pytest.raises(PermissionDenied):
        services.comment_update(actor=cast.partner, comment=first, body="Muutettu")
    services.comment_remove(actor=cast.mentor, comment=first)
    first.refresh_from_db()
    assert first.deleted_at is not None and first.body == ""
    assert IdeaComment.objects.count() == 3
    assert (Kind.COMMENT, [cast.member.pk]) in events  # the owner hears of the first comment


def test_comment_floods_are_stopped_with_a_clear_message(cast):
    idea = publish(cast.member)
    for number in range(10):
        services.comment_create(actor=cast.mentor, idea=idea, body=f"Viesti {number}")
    with pytest.raises(ValidationError, match="very fast"):
        services.comment_create(actor=cast.mentor, idea=idea, body="Yksi liikaa")
    assert IdeaComment.objects.count() == 10


def test_interest_counts_once_per_member(cast):
    idea = publish(cast.member)
    assert services.interest_toggle(actor=cast.mentor, idea=idea) is True
    assert services.interest_toggle(actor=cast.partner, idea=idea) is True
    assert services.interest_toggle(actor=cast.mentor, idea=idea) is False
    idea.refresh_from_db()
    assert idea.interest_count == 1
    with pytest.raises(PermissionDenied):
        services.interest_toggle(actor=cast.member, idea=idea)  # the owner


def test_ownership_goes_only_to_a_team_member(cast):
    idea = publish(cast.member)
    with pytest.raises(ValidationError):
        services.idea_hand_over(actor=cast.member, idea=idea, new_owner=cast.partner)
    request = services.join_request_create(actor=cast.mentor, idea=idea)
    services.join_request_decide(actor=cast.member, join_request=request, accept=True)

    services.idea_hand_over(actor=cast.member, idea=idea, new_owner=cast.mentor)

    idea.refresh_from_db()
    assert idea.owner == cast.mentor
    assert list(idea.team.values_list("user_id", flat=True)) == [cast.member.pk]


# Pages and permissions


def test_who_may_read_public_and_members_only_ideas(cast, client_for):
    public = publish(cast.member, visibility=Idea.Visibility.PUBLIC, title="Julkinen")
    members = publish(cast.member, title="Jäsenille")
    public_table = expect(200)
    members_table = expect(404, guest=404, member=200, mentor=200, partner=200)
    for idea, table in ((public, public_table), (members, members_table)):
        assert_role_table(
            page_check(client_for, cast.by_role(), idea.get_absolute_url()),
            table,
            label=f"{idea.title}",
        )


def test_guests_read_public_ideas_without_anyones_name(
    cast, client, django_capture_on_commit_callbacks
):
    idea = publish(cast.member, visibility=Idea.Visibility.PUBLIC)
    services.comment_create(actor=cast.mentor, idea=idea, body="Salainen kommentti")

    content = client.get(idea.get_absolute_url()).content.decode()

    assert cast.member.display_name not in content
    assert cast.mentor.display_name not in content
    assert "Salainen kommentti" not in content
    assert "leipureita" in content


OWNER_ACTIONS = ["ideas:edit", "ideas:status", "ideas:hand_over", "ideas:archive"]


@pytest.mark.parametrize("url_name", OWNER_ACTIONS)
def test_only_the_owner_manages_the_idea(cast, client_for, url_name):
    idea = publish(cast.member)
    table = expect(403, guest=LOGIN, member="owner")
    for role, expected in zip(ROLES, table, strict=True):
        client = client_for(cast.by_role()[role])
        response = client.post(reverse(url_name, args=[idea.pk]), {})
        got = status_of(response)
        if expected == "owner":
            assert got in (200, 302, 400), f"{url_name} as owner: {got}"
        else:
            # staff-only accounts cannot even read a members-only idea
            assert got in (expected, 404), f"{url_name} as {role}: {got}, expected {expected}"
        client.logout()
    idea.refresh_from_db()
    assert idea.owner == cast.member


def test_someone_else_cannot_decide_join_requests_or_edit_comments(cast, client_for):
    idea = publish(cast.member)
    request = services.join_request_create(actor=cast.mentor, idea=idea)
    comment = services.comment_create(actor=cast.mentor, idea=idea, body="Minun")
    client = client_for(cast.partner)

    assert (
        client.post(reverse("ideas:decide", args=[request.pk]), {"decision": "accept"}).status_code
        == 403
    )
    assert (
        client.post(reverse("ideas:comment_edit", args=[comment.pk]), {"body": "x"}).status_code
        == 403
    )
    assert client.post(reverse("ideas:comment_delete", args=[comment.pk])).status_code == 403
    request.refresh_from_db()
    assert request.state == JoinRequest.State.PENDING


def test_comment_errors_keep_what_was_written(cast, client_for):
    idea = publish(cast.member)
    response = client_for(cast.mentor).post(
        reverse("ideas:comment", args=[idea.pk]), {"body": "x" * 3001}
    )
    assert response.status_code == 400
    assert response.context["comment_form"].errors["body"]
    assert not IdeaComment.objects.exists()


def test_archived_ideas_leave_the_lists(cast, client_for):
    idea = publish(cast.member, visibility=Idea.Visibility.PUBLIC)
    services.idea_archive(actor=cast.member, idea=idea)

    assert client_for(None).get(reverse("ideas:list")).context["page"].object_list == []
    assert client_for(cast.mentor).get(idea.get_absolute_url()).status_code == 404


def test_list_filters_and_sorting(cast, client_for):
    bakery = publish(cast.member, title="Leipomo")
    online = publish(
        cast.member,
        title="Verkkokurssi",
        category=Idea.Category.LEARNING,
        municipality=None,
        online=True,
        skill_names=["ohjelmointi"],
    )
    services.interest_toggle(actor=cast.mentor, idea=online)
    client = client_for(cast.mentor)

    def titles(**params):
        response = client.get(reverse("ideas:list"), params)
        return [idea.title for idea in response.context["page"].object_list]

    assert titles(luokka="learning") == ["Verkkokurssi"]
    assert titles(verkossa="on") == ["Verkkokurssi"]
    assert titles(kunta=municipality("091").pk) == ["Leipomo"]
    assert titles(osaaminen="leipominen") == ["Leipomo"]
    assert titles(jarjestys="kiinnostavimmat")[0] == "Verkkokurssi"
    assert titles(tila="done") == []
    assert bakery


def test_list_and_idea_pages_have_bounded_queries(cast, client_for, django_assert_max_num_queries):
    first = publish(cast.member)

    def grow(count):
        for number in range(count):
            cache.clear()  # the rate limits of the busy test people
            idea = publish(UserFactory(), title=f"Idea {number}")
            services.comment_create(actor=cast.partner, idea=idea, body="Hyvä")
            top = services.comment_create(
                actor=cast.partner, idea=first, body=f"Kommentti {number}"
            )
            services.comment_create(actor=cast.member, idea=first, body="Kiitos", parent=top)
            member = UserFactory()
            profile_services.profile_set_skills(
                actor=member, profile=member.profile, relation="has", names=["leipominen"]
            )
            request = services.join_request_create(actor=member, idea=first)
            if number % 2:
                services.join_request_decide(actor=cast.member, join_request=request, accept=True)

    def measure():
        counts = []
        for viewer, url in (
            (cast.mentor, reverse("ideas:list")),
            (cast.mentor, first.get_absolute_url()),
            (cast.member, first.get_absolute_url()),  # the owner sees the requests too
        ):
            viewer_client = client_for(viewer)
            with django_assert_max_num_queries(20) as queries:
                assert viewer_client.get(url).status_code == 200
            counts.append(len(queries.captured_queries))
            viewer_client.logout()
        return counts

    grow(2)
    few = measure()
    grow(25)
    many = measure()

    assert many == few


def test_open_ideas_needing_my_skills_are_suggested_with_a_reason(cast):
    from ideahautomo.profiles.matching import suggestions_for

    profile_services.profile_set_skills(
        actor=cast.mentor, profile=cast.mentor.profile, relation="has", names=["kirjanpito"]
    )
    wanted = publish(cast.member, title="Tarvitaan kirjanpitäjä", skill_names=["kirjanpito"])
    publish(cast.member, title="Ei liity", skill_names=["ompelu"])
    closed = publish(cast.partner, title="Valmis", skill_names=["kirjanpito"])
    services.idea_change_status(actor=cast.partner, idea=closed, status="done", note="Valmis.")

    groups = {kind: items for kind, _label, items in suggestions_for(cast.mentor)}

    assert [s.target for s in groups["ideas"]] == [wanted]
    assert groups["ideas"][0].reason == "Needs bookkeeping, which you know"  # English label


def test_an_ideas_owner_and_team_count_as_connected_for_profiles(cast):
    from ideahautomo.profiles.connections import connected_user_ids

    idea = publish(cast.member)
    request = services.join_request_create(actor=cast.mentor, idea=idea)
    services.join_request_decide(actor=cast.member, join_request=request, accept=True)
    services.join_request_create(actor=cast.partner, idea=idea)  # only asked, not in the team

    assert cast.mentor.pk in connected_user_ids(cast.member.pk)
    assert cast.member.pk in connected_user_ids(cast.mentor.pk)
    assert cast.partner.pk not in connected_user_ids(cast.member.pk)


def test_news_and_status_changes_are_limited_and_the_page_says_so(cast, client_for):
    """Each tells every follower, so the owner and team cannot flood them."""
    idea = publish(cast.member)
    count = services.LIMITS["update"][0]
    for number in range(count - 1):
        services.idea_post_update(actor=cast.member, idea=idea, body=f"Uutinen {number}")
    services.idea_change_status(
        actor=cast.member, idea=idea, status=Idea.Status.FORMING, note="Tiimi kasaan"
    )
    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    news = client.post(reverse("ideas:update", args=[idea.pk]), {"body": "Yksi liikaa"})
    status = client.post(
        reverse("ideas:status", args=[idea.pk]),
        {"status": Idea.Status.IN_PROGRESS, "note": "Liikaa"},
    )
    for response in (news, status):
        assert response.status_code == 400
        assert "You are posting very fast" in response.content.decode()
    assert idea.updates.count() == count
    idea.refresh_from_db()
    assert idea.status == Idea.Status.FORMING


def test_a_deleted_account_leaves_its_teams_and_its_ideas_go_on_or_are_archived(
    cast, django_capture_on_commit_callbacks
):
    from ideahautomo.accounts import services as account_services
    from ideahautomo.messaging.models import Notification, NotificationKind

    leaving = UserFactory()
    teamed = publish(leaving, title="Tiimin idea")
    request = services.join_request_create(actor=cast.mentor, idea=teamed)
    services.join_request_decide(actor=leaving, join_request=request, accept=True)
    alone = publish(leaving, title="Yksin")
    services.join_request_create(actor=cast.partner, idea=alone)
    theirs = publish(cast.member, title="Toisen idea")
    services.interest_toggle(actor=leaving, idea=theirs)
    services.follow_toggle(actor=leaving, idea=theirs)
    services.join_request_create(actor=leaving, idea=theirs, message="Haluan mukaan")

    with django_capture_on_commit_callbacks(execute=True):
        account_services.user_delete(user=leaving)

    teamed.refresh_from_db()
    alone.refresh_from_db()
    theirs.refresh_from_db()
    assert teamed.owner == cast.mentor and not teamed.team.exists()
    assert Notification.objects.filter(
        recipient=cast.mentor, kind=NotificationKind.IDEA_OWNERSHIP
    ).exists()
    assert alone.archived_at is not None
    assert not alone.join_requests.filter(state=JoinRequest.State.PENDING).exists()
    assert theirs.interest_count == 0
    assert not theirs.follows.filter(user=leaving).exists()
    assert not JoinRequest.objects.filter(user=leaving).exists()
