"""The moderation pages: reporting, the queue, a case's actions and the author's appeal."""

import pytest
from django.urls import reverse

from ideahautomo.accounts.models import Role
from ideahautomo.ideas.models import Idea
from ideahautomo.lib.moderatable import Guideline
from ideahautomo.moderation import services
from ideahautomo.moderation.models import Appeal, Case, Report
from ideahautomo.testing.factories import (
    UserFactory,
    comment_for,
    idea_for,
    report_for,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def in_language(client, language):
    client.cookies["django_language"] = language
    return client


def _report_url(comment):
    return reverse("moderation:report", args=["idea_comment", comment.pk])


def test_a_member_reports_a_comment_and_returns_to_the_idea(cast, client_for):
    comment = comment_for(UserFactory(), body="Ostakaa halpoja kelloja!")
    client = client_for(cast.member)
    page = client.get(_report_url(comment))
    assert "Ostakaa halpoja kelloja!" in page.content.decode()
    next_url = comment.idea.get_absolute_url()
    response = client.post(
        _report_url(comment), {"reason": "spam", "details": "Mainos", "next": next_url}
    )
    assert response.status_code == 302 and response["Location"] == next_url
    report = Report.objects.get()
    assert (report.reporter, report.reason, report.details) == (cast.member, "spam", "Mainos")


def test_reporting_twice_says_so_in_the_users_language(cast, client_for):
    comment = comment_for(UserFactory())
    report_for(cast.member, "idea_comment", comment)
    client = in_language(client_for(cast.member), "fi")
    assert "Olet jo ilmoittanut" in client.get(_report_url(comment)).content.decode()
    response = client.post(_report_url(comment), {"reason": "spam"})
    assert response.status_code == 400
    assert "Olet jo ilmoittanut" in response.content.decode()
    assert Report.objects.count() == 1


def test_ones_own_comment_cannot_be_reported(cast, client_for):
    comment = comment_for(cast.member)
    client = in_language(client_for(cast.member), "fi")
    response = client.post(_report_url(comment), {"reason": "spam"})
    assert response.status_code == 403
    assert "Et voi ilmoittaa omaa" in response.content.decode()
    assert not Report.objects.exists()


def test_a_report_without_a_reason_is_refused_and_nothing_saved(cast, client_for):
    comment = comment_for(UserFactory())
    response = in_language(client_for(cast.member), "fi").post(_report_url(comment), {})
    assert response.status_code == 400
    assert not Report.objects.exists() and not Case.objects.exists()


def test_what_the_reporter_cannot_see_is_not_found(cast, client_for):
    assert (
        client_for(cast.member)
        .get(reverse("moderation:report", args=["idea_comment", 9999]))
        .status_code
        == 404
    )
    assert (
        client_for(cast.member).get(reverse("moderation:report", args=["nothing", 1])).status_code
        == 404
    )
    idea = idea_for(UserFactory())
    Idea.objects.filter(pk=idea.pk).update(archived_at=idea.created_at)
    response = client_for(cast.member).get(reverse("moderation:report", args=["idea", idea.pk]))
    assert response.status_code == 404


def test_a_hidden_comment_shows_a_placeholder_to_others_and_the_reason_to_its_author(
    cast, client_for
):
    author = UserFactory()
    comment = comment_for(author, body="Loukkaava teksti")
    report = report_for(cast.member, "idea_comment", comment)
    services.case_hide(actor=cast.moderator, case=report.case, guideline=Guideline.HARASSMENT)
    url = comment.idea.get_absolute_url()
    other = in_language(client_for(cast.member), "fi").get(url).content.decode()
    assert "Loukkaava teksti" not in other
    assert "Moderaattori on piilottanut tämän sisällön." in other
    own = in_language(client_for(author), "fi").get(url).content.decode()
    assert "Loukkaava teksti" in own
    assert reverse("moderation:decision_for", args=["idea_comment", comment.pk]) in own
    # Hidden content is not reported again by those who see only the placeholder.
    assert client_for(cast.mentor).get(_report_url(comment)).status_code == 404


def test_a_hidden_idea_leaves_the_list_and_its_page_shows_the_placeholder(cast, client_for):
    owner = UserFactory()
    idea = idea_for(owner, title="Salainen huijaus")
    report = report_for(cast.member, "idea", idea)
    services.case_hide(actor=cast.moderator, case=report.case, guideline=Guideline.SCAMS)
    client = in_language(client_for(cast.member), "fi")
    assert "Salainen huijaus" not in client.get(reverse("ideas:list")).content.decode()
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "Salainen huijaus" not in page.split("</header>", 1)[-1]
    assert "Moderaattori on piilottanut" in page
    assert "Salainen huijaus" in client_for(owner).get(idea.get_absolute_url()).content.decode()


def test_the_queue_shows_open_items_oldest_first_with_counts(cast, client_for):
    older = comment_for(UserFactory(), body="Vanhempi ilmoitettu")
    newer = comment_for(UserFactory(), body="Uudempi ilmoitettu")
    report_for(cast.member, "idea_comment", older)
    report_for(cast.mentor, "idea_comment", older)
    report_for(cast.member, "idea_comment", newer)
    dismissed = comment_for(UserFactory(), body="Jo ratkaistu")
    services.case_dismiss(
        actor=cast.moderator, case=report_for(cast.member, "idea_comment", dismissed).case
    )
    page = in_language(client_for(cast.moderator), "fi").get(reverse("moderation:queue"))
    text = page.content.decode()
    assert text.index("Vanhempi ilmoitettu") < text.index("Uudempi ilmoitettu")
    assert "2 ilmoitusta" in text
    assert "Jo ratkaistu" not in text


def _reports(count):
    reporter = UserFactory()
    for number in range(count):
        comment = comment_for(UserFactory(), body=f"Kommentti {number}")
        Report.objects.create(
            case=Case.objects.create(
                kind="idea_comment", object_id=comment.pk, author=comment.author, snapshot="x"
            ),
            reporter=reporter,
            kind="idea_comment",
            object_id=comment.pk,
            reason="spam",
        )


@pytest.mark.parametrize("count", [5, 50])
def test_the_queue_stays_within_its_query_budget(
    cast, client_for, django_assert_max_num_queries, count
):
    _reports(count)
    comment = comment_for(cast.member, body="Valitettu")
    case = report_for(UserFactory(), "idea_comment", comment).case
    case = services.case_hide(actor=cast.moderator, case=case, guideline=Guideline.KINDNESS)
    services.appeal_create(actor=cast.member, case=case, text="Uudelleen")
    client = in_language(client_for(user_with_role(Role.MODERATOR)), "fi")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("moderation:queue"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Valitettu" in text  # the appeal waits for this other moderator
    assert f"({count} kohdetta)" in text


def test_hiding_without_a_guideline_says_so_and_changes_nothing(cast, client_for):
    comment = comment_for(UserFactory())
    case = report_for(cast.member, "idea_comment", comment).case
    client = in_language(client_for(cast.moderator), "fi")
    response = client.post(reverse("moderation:hide", args=[case.pk]), {"guideline": ""})
    assert response.status_code == 400
    assert "Valitse yhteisöohje" in response.content.decode()
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert Case.objects.get().state == Case.State.OPEN


def test_nothing_is_decided_without_a_report(cast, client_for):
    client = client_for(cast.moderator)
    assert client.get(reverse("moderation:case", args=[9999])).status_code == 404
    assert client.post(reverse("moderation:hide", args=[9999])).status_code == 404


def test_the_author_appeals_from_the_decision_page(cast, client_for):
    comment = comment_for(cast.member, body="Oma teksti")
    case = report_for(UserFactory(), "idea_comment", comment).case
    case = services.case_hide(actor=cast.moderator, case=case, guideline=Guideline.PRIVACY)
    client = in_language(client_for(cast.member), "fi")
    url = reverse("moderation:decision", args=[case.pk])
    page = client.get(url).content.decode()
    assert "Suojelemme omia ja toisten tietoja" in page
    assert client.post(url, {"text": ""}).status_code == 400
    assert client.post(url, {"text": "Se ei ollut kenenkään tieto."}).status_code == 302
    assert Appeal.objects.get().text == "Se ei ollut kenenkään tieto."
    assert client.post(url, {"text": "Toinen kerta"}).status_code == 403
    assert Appeal.objects.count() == 1


def test_the_case_page_links_to_suspending_a_member_author_but_not_staff(cast, client_for):
    by_member = comment_for(UserFactory(), body="Jäsenen kommentti")
    member_case = report_for(cast.member, "idea_comment", by_member).case
    staff = UserFactory()  # a member who is also a moderator
    staff.role_assignments.create(role=Role.MODERATOR)
    by_staff = comment_for(staff, body="Moderaattorin kommentti")
    staff_case = report_for(cast.member, "idea_comment", by_staff).case
    moderator = client_for(cast.moderator)
    suspend = reverse("accounts:user_suspend", args=[member_case.author_id])

    assert (
        suspend in moderator.get(reverse("moderation:case", args=[member_case.pk])).content.decode()
    )
    staff_page = moderator.get(reverse("moderation:case", args=[staff_case.pk])).content.decode()
    assert "/jaadytykset/" not in staff_page
