"""The home page by role: what is next for a member, what waits for each kind of staff."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.models import Municipality, Role, SignUpRequest
from ideahautomo.accounts.tests.factories import InvitationFactory, UserFactory
from ideahautomo.circles import services as circle_services
from ideahautomo.circles.models import Circle, CircleSession, Membership
from ideahautomo.events.models import Event, Registration
from ideahautomo.events.tests.factories import EventFactory, in_days
from ideahautomo.ideas.models import Idea, IdeaComment, JoinRequest
from ideahautomo.moderation.models import Case

pytestmark = pytest.mark.django_db

HOME = reverse("pages:home")


def circle_of(organiser, *, name="Suomea arjessa", online_link="https://meet.example.fi/piiri"):
    return circle_services.circle_create(
        actor=organiser,
        name=name,
        topic="Suomen kieli",
        description="Harjoitellaan.",
        language="fi",
        level="A1",
        format=Circle.Format.HYBRID,
        municipality=Municipality.objects.get(code="092"),
        meeting_place="Kirjasto",
        online_link=online_link,
        capacity=10,
        policy=Circle.Policy.OPEN,
        visibility=Circle.Visibility.MEMBERS,
    )


def meeting(circle, *, days, cancelled=False):
    starts = in_days(days, 17)
    return CircleSession.objects.create(
        circle=circle,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Kirjasto",
        online_link=circle.online_link,
        cancelled_at=timezone.now() if cancelled else None,
    )


def idea_of(owner, title="Pyöräkorjaamo"):
    return Idea.objects.create(
        owner=owner, title=title, description="Korjataan yhdessä.", category="earning"
    )


def home(client_for, user):
    response = client_for(user).get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def test_a_guest_gets_the_front_page_without_anyones_plans(client):
    content = client.get(HOME).content.decode()
    assert reverse("pages:tour") in content
    assert "h-next" not in content


def test_a_member_sees_their_next_meetings_with_the_online_link(cast, client_for):
    organiser = UserFactory()
    circle = circle_of(organiser)
    Membership.objects.create(circle=circle, user=cast.member, status=Membership.Status.ACTIVE)
    meeting(circle, days=2)
    meeting(circle, days=1, cancelled=True)
    other = circle_of(organiser, name="Ompelupiiri", online_link="https://meet.example.fi/muu")
    meeting(other, days=1)

    content = home(client_for, cast.member)
    assert "Suomea arjessa" in content
    assert 'href="https://meet.example.fi/piiri"' in content
    assert content.count("https://meet.example.fi/piiri") == 1  # the cancelled one is left out
    assert "Ompelupiiri" not in content  # not theirs
    assert "https://meet.example.fi/muu" not in content


def test_a_waitlisted_member_of_a_circle_sees_neither_its_meetings_nor_its_link(cast, client_for):
    circle = circle_of(UserFactory())
    Membership.objects.create(circle=circle, user=cast.member, status=Membership.Status.WAITLISTED)
    meeting(circle, days=2)
    content = home(client_for, cast.member)
    assert "https://meet.example.fi/piiri" not in content


def test_a_member_sees_their_events_and_the_online_link_only_with_a_confirmed_place(
    cast, client_for
):
    coming = EventFactory(title="Verkkotyöpaja", online_url="https://meet.example.fi/paja")
    waiting = EventFactory(title="Jonotyöpaja", online_url="https://meet.example.fi/jono")
    past = EventFactory(title="Mennyt paja", starts_at=in_days(-3, 10), ends_at=in_days(-3, 12))
    Registration.objects.create(event=coming, user=cast.member, status="confirmed")
    Registration.objects.create(event=waiting, user=cast.member, status="waitlisted")
    Registration.objects.create(event=past, user=cast.member, status="confirmed")

    content = home(client_for, cast.member)
    assert "Verkkotyöpaja" in content and 'href="https://meet.example.fi/paja"' in content
    assert "Jonotyöpaja" in content and "https://meet.example.fi/jono" not in content
    assert "Mennyt paja" not in content


def test_a_member_with_nothing_booked_is_pointed_to_circles_and_events(cast, client_for):
    content = home(client_for, cast.member)
    assert reverse("circles:list") in content and reverse("events:list") in content


def test_a_member_sees_news_on_their_own_ideas_only(cast, client_for):
    mine = idea_of(cast.member)
    quiet = idea_of(cast.member, title="Hiljainen idea")
    others = idea_of(UserFactory(), title="Toisen idea")
    commenter = UserFactory()
    IdeaComment.objects.create(idea=mine, author=commenter, body="Hieno!")
    IdeaComment.objects.create(idea=mine, author=commenter, body="Mukana!")
    IdeaComment.objects.create(idea=mine, author=cast.member, body="Kiitos!")  # their own
    old = IdeaComment.objects.create(idea=quiet, author=commenter, body="Vanha")
    IdeaComment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=30))
    JoinRequest.objects.create(idea=mine, user=UserFactory())
    IdeaComment.objects.create(idea=others, author=commenter, body="Toiselle")

    client = client_for(cast.member)
    client.cookies["django_language"] = "en"
    content = client.get(HOME).content.decode()
    assert "Pyöräkorjaamo" in content
    assert "2 new comments" in content
    assert "1 person wants to join" in content
    assert "Hiljainen idea" not in content
    assert "Toisen idea" not in content


def test_a_member_sees_unread_counts_with_links(cast, client_for):
    content = home(client_for, cast.member)
    assert reverse("messaging:conversations") in content
    assert reverse("messaging:notifications") in content


def test_a_member_sees_a_row_of_suggestions(cast, client_for):
    from ideahautomo.profiles.models import ProfileSkill, Skill
    from ideahautomo.profiles.services import profile_get_or_create

    skill = Skill.objects.filter(is_curated=True).first()
    teacher = UserFactory(display_name="Opettaja Osaava")
    for person, relation in ((cast.member, "wants"), (teacher, "has")):
        profile = profile_get_or_create(user=person)
        profile.visibility = "members"
        profile.save()
        ProfileSkill.objects.create(profile=profile, skill=skill, relation=relation)
    content = home(client_for, cast.member)
    assert "h-suggestions" in content
    assert "Opettaja Osaava" in content


def test_first_steps_show_until_the_profile_is_complete(cast, client_for):
    content = home(client_for, cast.member)
    assert "h-start" in content
    assert reverse("profiles:step", args=["tavoitteet"]) in content


def test_a_contact_person_sees_open_invitations_and_sign_ups_of_their_area(cast, client_for):
    InvitationFactory.create_batch(2, area=cast.area, invited_by=cast.contact_person)
    InvitationFactory(area=cast.other_area, invited_by=cast.other_contact_person)
    applicant = UserFactory(roles=[], is_active=False, area=cast.area)
    SignUpRequest.objects.create(user=applicant)
    stranger = UserFactory(roles=[], is_active=False, area=cast.other_area)
    SignUpRequest.objects.create(user=stranger)

    client = client_for(cast.contact_person)
    client.cookies["django_language"] = "en"
    content = client.get(HOME).content.decode()
    assert "2 invitations not yet accepted" in content
    assert "1 sign-up waits for your decision" in content
    assert reverse("accounts:sign_up_list") in content
    assert reverse("impact:dashboard") in content
    assert "h-approval" not in content and "h-reports" not in content


def test_the_project_manager_sees_what_waits_for_approval(cast, client_for):
    EventFactory.create_batch(2, status=Event.Status.PROPOSED, created_by=cast.member)
    EventFactory()
    client = client_for(cast.project_manager)
    client.cookies["django_language"] = "en"
    content = client.get(HOME).content.decode()
    assert "2 event proposals" in content
    assert reverse("events:manage") in content


def test_a_moderator_sees_the_open_reports(cast, client_for):
    """The open cases of the one moderation queue; decided ones are not counted."""
    Case.objects.create(kind="profile", object_id=UserFactory().pk)
    Case.objects.create(kind="profile", object_id=UserFactory().pk, state=Case.State.DISMISSED)
    client = client_for(cast.moderator)
    client.cookies["django_language"] = "en"
    content = client.get(HOME).content.decode()
    assert "1 open report" in content
    assert reverse("moderation:queue") in content


def test_a_moderator_sees_the_suspension_appeals_waiting(cast, client_for):
    from ideahautomo.accounts import services as account_services

    suspension = account_services.user_suspend(user=cast.member, by=cast.moderator, reason="Syy")
    account_services.suspension_appeal_create(suspension=suspension, text="Valitus", client="x")
    client = client_for(cast.moderator)
    client.cookies["django_language"] = "en"
    content = client.get(HOME).content.decode()
    assert "1 suspension appeal waiting" in content
    assert reverse("accounts:suspension_list") + "?valitukset=1" in content


def test_a_partner_sees_their_organisations_upcoming_events(cast, client_for):
    organisation = cast.partner.roles[Role.PARTNER].organisation
    EventFactory(title="Kumppanin työpaja", organisation=organisation)
    EventFactory(title="Toisen työpaja")
    EventFactory(
        title="Mennyt kumppanin paja",
        organisation=organisation,
        starts_at=in_days(-3, 10),
        ends_at=in_days(-3, 12),
    )
    content = home(client_for, cast.partner)
    assert "Kumppanin työpaja" in content
    assert "Toisen työpaja" not in content
    assert "Mennyt kumppanin paja" not in content


@pytest.mark.parametrize(
    ("role", "sections", "absent"),
    [
        ("member", ["h-next", "h-news"], ["h-staff", "h-approval", "h-reports", "h-partner"]),
        ("mentor", ["h-next", "h-news"], ["h-staff", "h-approval", "h-reports", "h-partner"]),
        ("partner", ["h-partner"], ["h-staff", "h-approval", "h-reports"]),
        ("contact_person", ["h-staff"], ["h-approval", "h-reports", "h-partner"]),
        ("project_manager", ["h-staff", "h-approval"], ["h-reports", "h-partner"]),
        ("moderator", ["h-reports"], ["h-staff", "h-approval", "h-partner"]),
        ("administrator", [], ["h-staff", "h-approval", "h-reports", "h-partner"]),
    ],
)
def test_each_role_sees_its_own_parts_of_the_home_page(cast, client_for, role, sections, absent):
    content = home(client_for, getattr(cast, role))
    for section in sections:
        assert f'id="{section}"' in content, section
    for section in absent:
        assert f'id="{section}"' not in content, section


def _lots_for(cast, count):
    """count of everything the home page lists, for every role."""
    organisation = cast.partner.roles[Role.PARTNER].organisation
    organiser = UserFactory()
    for number in range(count):
        circle = circle_of(UserFactory(), name=f"Piiri {number}")
        Membership.objects.create(circle=circle, user=cast.member, status=Membership.Status.ACTIVE)
        meeting(circle, days=number + 1)
        event = EventFactory(organisation=organisation)
        Registration.objects.create(event=event, user=cast.member, status="confirmed")
        EventFactory(status=Event.Status.PROPOSED, created_by=cast.member)
        idea = idea_of(cast.member, title=f"Idea {number}")
        IdeaComment.objects.create(idea=idea, author=organiser, body="Hyvä")
        JoinRequest.objects.create(idea=idea, user=UserFactory())
        Case.objects.create(kind="idea_comment", object_id=idea.comments.get().pk)
        InvitationFactory(area=cast.area, invited_by=cast.contact_person)
        SignUpRequest.objects.create(user=UserFactory(roles=[], is_active=False, area=cast.area))


# The page budget of every page (session, user, roles, two-step device for staff, the
# unread counts, then the parts of the page), the same with many rows as with few.
QUERY_BUDGET = 10


@pytest.mark.parametrize(
    "role", ["member", "partner", "contact_person", "project_manager", "moderator"]
)
def test_the_home_page_query_count_does_not_grow_with_the_data(
    cast, client_for, django_assert_max_num_queries, role
):
    user = getattr(cast, role)
    client = client_for(user)
    client.get(HOME)  # suggestions are computed once, then read from the cache
    _lots_for(cast, 2)
    with django_assert_max_num_queries(QUERY_BUDGET) as few:
        client.get(HOME)
    _lots_for(cast, 12)
    with django_assert_max_num_queries(QUERY_BUDGET) as many:
        client.get(HOME)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_demo_gives_every_roles_home_page_something_to_show(client_for, demo_data):
    from ideahautomo.accounts.demo import DEMO_DOMAIN
    from ideahautomo.accounts.models import User

    member = home(client_for, User.objects.get(email=f"jasen@{DEMO_DOMAIN}"))
    assert 'class="home-meeting"' in member and 'class="home-event"' in member
    moderator = home(client_for, User.objects.get(email=f"moderaattori@{DEMO_DOMAIN}"))
    # The one queue's open cases: the demo's reports of comments, posts, profiles, messages.
    waiting = Case.objects.filter(state=Case.State.OPEN).count()
    assert waiting > 1
    assert f"{waiting} käsittelemätöntä ilmoitusta" in moderator
    partner = home(client_for, User.objects.get(email=f"kumppani@{DEMO_DOMAIN}"))
    assert 'id="h-partner"' in partner


def _people_to_suggest(cast, skill, count):
    from ideahautomo.profiles.models import ProfileSkill
    from ideahautomo.profiles.services import profile_get_or_create

    for _number in range(count):
        profile = profile_get_or_create(user=UserFactory())
        ProfileSkill.objects.create(profile=profile, skill=skill, relation="has")
        idea = idea_of(profile.user, title=f"Idea of {profile.user.pk}")
        idea.skills.add(skill)


# Suggestions are ranked once per member and cached (profiles.matching), as on the
# suggestions page: the first view ranks, later ones read the chosen few back through the
# visibility rules (people, ideas and circles, with their details), on top of the page's 9.
SUGGESTIONS_FIRST_VIEW_BUDGET = 26
SUGGESTIONS_BUDGET = 14


def test_a_member_with_suggestions_reads_a_bounded_number_of_queries(
    cast, client_for, django_assert_max_num_queries
):
    from ideahautomo.profiles.models import ProfileSkill, Skill
    from ideahautomo.profiles.services import profile_get_or_create

    skill = Skill.objects.filter(is_curated=True).first()
    profile = profile_get_or_create(user=cast.member)
    ProfileSkill.objects.create(profile=profile, skill=skill, relation="wants")
    _people_to_suggest(cast, skill, 2)
    _lots_for(cast, 2)
    client = client_for(cast.member)
    with django_assert_max_num_queries(SUGGESTIONS_FIRST_VIEW_BUDGET):
        content = client.get(HOME).content.decode()
    assert "h-suggestions" in content
    with django_assert_max_num_queries(SUGGESTIONS_BUDGET) as few:
        client.get(HOME)
    _people_to_suggest(cast, skill, 12)
    _lots_for(cast, 12)
    with django_assert_max_num_queries(SUGGESTIONS_BUDGET) as many:
        client.get(HOME)
    assert len(many.captured_queries) == len(few.captured_queries)
