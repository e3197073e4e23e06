"""Story pages over HTTP: who may open each, what each role sees, the journey from
writing to withdrawal, links to where a story came from, and query counts."""

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from ideahautomo.accounts.tests.factories import UserFactory, municipality
from ideahautomo.circles import services as circle_services
from ideahautomo.circles.models import Circle
from ideahautomo.ideas import services as idea_services
from ideahautomo.ideas.models import Idea
from ideahautomo.services.tests.factories import PartnerOrganisationFactory, service_for
from ideahautomo.stories import services
from ideahautomo.stories.models import Shown, Story
from ideahautomo.testing import LOGIN, ROLES, status_of

from .factories import consented_story, drafted_story, own_story, published_story

pytestmark = pytest.mark.django_db

# "member" is the person the stories are about; "other_member" a member of the same area.
PEOPLE = [*ROLES, "other_member"]


def people(cast):
    return {**cast.by_role(), "other_member": UserFactory(area=cast.area)}


@pytest.fixture
def stories(cast):
    return {
        "published": published_story(cast.project_manager, cast.contact_person, cast.member),
        "waiting": drafted_story(cast.contact_person, cast.member, title="Odottaa lupaa"),
        "consented": consented_story(cast.contact_person, cast.member, title="Lupa annettu"),
    }


def table(default, **by_role):
    return [by_role.get(role, default) for role in PEOPLE]


SIGNED_IN = table(200, guest=LOGIN)
DRAFTERS = table(
    403, guest=LOGIN, contact_person=200, other_contact_person=200, project_manager=200
)

PAGES = {
    # name: (story key or None, expected per role)
    "stories:list": (None, table(200)),
    "stories:booklet": (None, table(200)),
    "stories:mine": (None, SIGNED_IN),
    "stories:write": (None, table(403, guest=LOGIN, member=200, other_member=200)),
    "stories:draft": (None, DRAFTERS),
    "stories:queue": (None, table(403, guest=LOGIN, project_manager=200)),
    "stories:detail published": ("published", table(200)),
    "stories:detail waiting": ("waiting", table(404, member=200, contact_person=200)),
    "stories:detail consented": (
        "consented",
        table(404, member=200, contact_person=200, project_manager=200),
    ),
    "stories:edit": ("waiting", table(404, guest=LOGIN, contact_person=200)),
    "stories:consent": ("waiting", table(404, guest=LOGIN, member=200)),
    "stories:withdraw": ("published", table(404, guest=LOGIN, member=200)),
}


@pytest.mark.parametrize("page", PAGES)
def test_who_may_open_each_story_page(cast, client_for, stories, page):
    key, expected = PAGES[page]
    name = page.split()[0]
    url = reverse(name, args=[stories[key].pk]) if key else reverse(name)
    cast_people = people(cast)
    for role, want in zip(PEOPLE, expected, strict=True):
        client = client_for(cast_people[role])
        got = status_of(client.get(url))
        assert got == want, f"{page} as {role}: {got}, expected {want}"
        client.logout()


def test_only_the_project_manager_may_publish(cast, client_for, stories):
    story = stories["consented"]
    url = reverse("stories:publish", args=[story.pk])
    cast_people = people(cast)
    for role in PEOPLE:
        if role == "project_manager":
            continue
        client = client_for(cast_people[role])
        assert status_of(client.post(url)) == (LOGIN if role == "guest" else 404), role
        client.logout()
    story.refresh_from_db()
    assert story.status == Story.Status.CONSENTED
    response = client_for(cast.project_manager).post(url)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.is_published


def test_the_public_page_shows_the_person_only_as_consented(cast, client, stories):
    page = client.get(stories["published"].get_absolute_url()).content.decode()
    assert "Tiina, 34" in page
    assert cast.member.display_name not in page
    assert cast.member.email not in page


def test_an_anonymous_story_says_anonymous(cast, client):
    story = published_story(
        cast.project_manager, cast.contact_person, cast.member, shown_as=Shown.ANONYMOUS
    )
    page = client.get(story.get_absolute_url()).content.decode()
    assert "anonyymi" in page
    assert cast.member.display_name not in page


def test_a_member_writes_a_story_and_must_tick_consent(cast, client_for):
    client = client_for(cast.member)
    data = {
        "title": "Uusi alku",
        "body": "Löysin töitä.",
        "language": "fi",
        "shown_as": "name",
        "pseudonym": "",
        "source_address": "",
        "action": "submit",
    }
    response = client.post(reverse("stories:write"), data)
    assert response.status_code == 400
    assert "tick that you consent" in response.content.decode() or "rasti" in (
        response.content.decode()
    )
    assert not Story.objects.exists()

    response = client.post(reverse("stories:write"), {**data, "consent": "on"})
    story = Story.objects.get()
    assert response.status_code == 302 and response["Location"] == story.get_absolute_url()
    assert story.status == Story.Status.CONSENTED and story.consents.count() == 1


def test_a_bad_source_address_is_refused_next_to_its_field(cast, client_for):
    response = client_for(cast.member).post(
        reverse("stories:write"),
        {
            "title": "Uusi alku",
            "body": "Löysin töitä.",
            "language": "fi",
            "shown_as": "anonymous",
            "source_address": "https://example.com/",
            "action": "draft",
        },
    )
    assert response.status_code == 400
    assert 'id="id_source_address_errors"' in response.content.decode()
    assert not Story.objects.exists()


def test_staff_draft_by_the_clients_email(cast, client_for):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client_for(cast.contact_person).post(
            reverse("stories:draft"),
            {
                "person_email": cast.member.email.upper(),
                "title": "Piiristä töihin",
                "body": "Teksti.",
                "language": "fi",
                "action": "submit",
            },
        )
    story = Story.objects.get()
    assert response.status_code == 302
    assert story.person == cast.member and story.status == Story.Status.WAITING


def test_drafting_about_another_areas_member_is_refused(cast, client_for):
    response = client_for(cast.other_contact_person).post(
        reverse("stories:draft"),
        {
            "person_email": cast.member.email,
            "title": "Piiristä töihin",
            "body": "Teksti.",
            "language": "fi",
            "action": "submit",
        },
    )
    assert response.status_code == 400
    assert 'id="id_person_email_errors"' in response.content.decode()
    assert not Story.objects.exists()


def test_the_consent_page_shows_the_exact_text_and_records_the_choice(cast, client_for, stories):
    story = stories["waiting"]
    client = client_for(cast.member)
    page = client.get(reverse("stories:consent", args=[story.pk])).content.decode()
    assert story.body_html in page
    response = client.post(
        reverse("stories:consent", args=[story.pk]),
        {"shown_as": "pseudonym", "pseudonym": "Maija", "text_hash": story.text_hash},
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.CONSENTED and story.pseudonym == "Maija"


def test_withdrawing_makes_the_public_page_404_and_leaves_the_booklet(cast, client_for, stories):
    story = stories["published"]
    client = client_for(cast.member)
    assert story.title in client.get(reverse("stories:booklet")).content.decode()
    response = client.post(reverse("stories:withdraw", args=[story.pk]))
    assert response.status_code == 302
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert story.title not in client.get(reverse("stories:booklet")).content.decode()
    assert story.title not in client.get(reverse("stories:list")).content.decode()


def test_publishing_a_withdrawn_story_gives_a_clear_message(cast, client_for, stories):
    story = stories["consented"]
    client_for(cast.member).post(reverse("stories:withdraw", args=[story.pk]))
    client = client_for(cast.project_manager)
    response = client.post(reverse("stories:publish", args=[story.pk]), follow=True)
    assert "peruuttanut" in response.content.decode() or "withdrawn their consent" in (
        response.content.decode()
    )
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN


def _idea(owner, visibility):
    return idea_services.idea_create(
        actor=owner,
        title=f"Idea {visibility}",
        description="Kuvaus.",
        category=Idea.Category.LEARNING,
        municipality=municipality("091"),
        online=False,
        visibility=visibility,
    )


def _circle(organiser, visibility):
    return circle_services.circle_create(
        actor=organiser,
        name=f"Piiri {visibility}",
        topic="Suomen kieli",
        description="Kuvaus.",
        language="fi",
        level="A1",
        format=Circle.Format.ONLINE,
        municipality=None,
        capacity=5,
        policy=Circle.Policy.OPEN,
        visibility=visibility,
    )


def _story_from(cast, source):
    return published_story(
        cast.project_manager,
        cast.contact_person,
        cast.member,
        source_address=source.get_absolute_url(),
    )


def test_a_link_shows_only_to_those_who_may_see_its_page(cast, client_for):
    # A writer links only a page they see: the member links the members-only idea and
    # the private circle they belong to.
    public_idea = _idea(cast.member, Idea.Visibility.PUBLIC)
    members_idea = _idea(cast.member, Idea.Visibility.MEMBERS)
    service = service_for(PartnerOrganisationFactory(), title="Työnhakupiste")
    private_circle = _circle(cast.member, Circle.Visibility.PRIVATE)
    with_public = _story_from(cast, public_idea)
    with_service = _story_from(cast, service)
    with_members = own_story(cast.member, source_address=members_idea.get_absolute_url())
    with_private = own_story(
        cast.member, title="Piiristä", source_address=private_circle.get_absolute_url()
    )
    for story in (with_members, with_private):
        services.story_publish(actor=cast.project_manager, story=story)

    def page(user, story):
        client = client_for(user)
        content = client.get(story.get_absolute_url()).content.decode()
        client.logout()
        return content

    assert public_idea.get_absolute_url() in page(None, with_public)
    assert service.get_absolute_url() in page(None, with_service)
    assert members_idea.get_absolute_url() not in page(None, with_members)
    assert members_idea.get_absolute_url() in page(UserFactory(), with_members)
    assert private_circle.get_absolute_url() not in page(None, with_private)
    assert private_circle.get_absolute_url() not in page(UserFactory(), with_private)
    assert private_circle.get_absolute_url() in page(cast.member, with_private)


def test_staff_cannot_link_a_page_they_cannot_see(cast):
    members_idea = _idea(cast.member, Idea.Visibility.MEMBERS)
    with pytest.raises(ValidationError) as error:
        drafted_story(
            cast.contact_person, cast.member, source_address=members_idea.get_absolute_url()
        )
    assert "source_address" in error.value.error_dict


def _many_published(cast, count):
    idea = _idea(cast.member, Idea.Visibility.PUBLIC)
    circle = _circle(cast.member, Circle.Visibility.PUBLIC)
    service = service_for(PartnerOrganisationFactory(), title="Työnhakupiste")
    sources = [("idea", idea.pk), ("circle", circle.pk), ("service", service.pk), ("", None)]
    now = timezone.now()
    Story.objects.bulk_create(
        Story(
            title=f"Tarina {number}",
            body="Teksti.",
            body_html="<p>Teksti.</p>",
            person=UserFactory() if number % 3 else cast.member,
            author=cast.contact_person,
            shown_as=[Shown.NAME, Shown.PSEUDONYM, Shown.ANONYMOUS][number % 3],
            pseudonym="Nimimerkki" if number % 3 == 1 else "",
            status=Story.Status.PUBLISHED,
            published_at=now,
            source_kind=sources[number % 4][0],
            source_id=sources[number % 4][1],
        )
        for number in range(count)
    )


@pytest.mark.parametrize("name", ["stories:list", "stories:booklet"])
@pytest.mark.parametrize("role", ["guest", "member", "project_manager"])
def test_list_and_booklet_stay_within_their_queries(
    cast, client_for, django_assert_max_num_queries, name, role
):
    _many_published(cast, 30)
    client = client_for(cast.by_role()[role])
    with django_assert_max_num_queries(10):
        response = client.get(reverse(name))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("Tarina ") >= 20
    assert "/ideat/" in content and "/opintopiirit/" in content and "/palvelut/" in content


def test_editing_a_consented_text_warns_and_asks_consent_again(cast, client_for, stories):
    story = stories["consented"]
    client = client_for(cast.contact_person)
    url = reverse("stories:edit", args=[story.pk])
    assert "annettava suostumuksensa uudelleen" in client.get(url).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            url,
            {
                "title": story.title,
                "body": "Toinen teksti.",
                "language": "fi",
                "source_address": "",
                "action": "submit",
            },
        )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.WAITING
    client.logout()
    client_for(cast.project_manager).post(reverse("stories:publish", args=[story.pk]))
    story.refresh_from_db()
    assert story.status == Story.Status.WAITING


def test_own_stories_page_stays_within_its_queries(cast, client_for, django_assert_max_num_queries):
    for number in range(10):
        own_story(cast.member, submit=number % 2 == 0, title=f"Oma {number}")
    for number in range(15):
        drafted_story(cast.project_manager, cast.member, title=f"Kirjoitettu {number}")
    client = client_for(cast.member)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("stories:mine"))
    assert response.content.decode().count("/suostumus/") == 15
