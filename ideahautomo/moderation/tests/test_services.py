"""Reports, decisions and appeals: the rules the services keep."""

import pytest
from django.core.exceptions import ValidationError

from ideahautomo.accounts.models import AuditAction, AuditEvent, Role
from ideahautomo.accounts.services import user_delete
from ideahautomo.ideas.models import IdeaComment
from ideahautomo.lib.moderatable import Guideline
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.moderation import services
from ideahautomo.moderation.models import Appeal, Case, Report
from ideahautomo.testing.factories import UserFactory, comment_for, report_for, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def comment(cast):
    return comment_for(cast.member, body="Olet tyhmä.")


def test_a_report_keeps_the_text_as_it_was_and_opens_one_case(cast, comment):
    first = report_for(UserFactory(), "idea_comment", comment, details="Loukkaava")
    IdeaComment.objects.filter(pk=comment.pk).update(body="Muokattu")
    second = report_for(cast.mentor, "idea_comment", comment)
    assert first.snapshot == "Olet tyhmä."
    assert first.author == cast.member
    assert first.case_id == second.case_id
    case = Case.objects.get()
    assert case.state == Case.State.OPEN
    assert case.snapshot == "Olet tyhmä."
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_REPORTED).count() == 2


def test_nobody_reports_their_own_content(cast, comment):
    with pytest.raises(ValidationError) as error:
        report_for(cast.member, "idea_comment", comment)
    assert error.value.code == "own"
    assert not Report.objects.exists() and not Case.objects.exists()


def test_one_report_per_person_per_item(cast, comment):
    reporter = UserFactory()
    report_for(reporter, "idea_comment", comment)
    with pytest.raises(ValidationError) as error:
        report_for(reporter, "idea_comment", comment, reason="spam")
    assert error.value.code == "already_reported"
    assert Report.objects.count() == 1


def test_an_unknown_reason_is_refused_and_nothing_saved(comment):
    with pytest.raises(ValidationError):
        report_for(UserFactory(), "idea_comment", comment, reason="boring")
    assert not Case.objects.exists()


def test_reports_are_rate_limited(cast):
    reporter = UserFactory()
    for number in range(services.REPORTS_PER_HOUR):
        report_for(reporter, "idea_comment", comment_for(cast.member, body=f"Viesti {number}"))
    with pytest.raises(ValidationError) as error:
        report_for(reporter, "idea_comment", comment_for(cast.member, body="Yksi liikaa"))
    assert error.value.code == "rate_limited"


def test_hiding_hides_the_item_tells_the_author_why_and_the_reporters_the_outcome(cast, comment):
    reporter = UserFactory()
    report = report_for(reporter, "idea_comment", comment)
    services.case_hide(
        actor=cast.moderator, case=report.case, guideline=Guideline.KINDNESS, note="Ole hyvä."
    )
    comment.refresh_from_db()
    assert comment.hidden_at is not None
    assert comment.hidden_guideline == Guideline.KINDNESS
    assert comment.hidden_from(reporter) and not comment.hidden_from(cast.member)
    case = Case.objects.get()
    assert (case.state, case.hidden_by, case.note) == (
        Case.State.HIDDEN,
        cast.moderator,
        "Ole hyvä.",
    )
    told = Notification.objects.get(recipient=cast.member)
    assert told.kind == NotificationKind.CONTENT_HIDDEN
    assert "Kohtelemme toisiamme ystävällisesti" in told.text_params["guideline"]
    assert told.url == f"/moderointi/paatos/{case.pk}/"
    outcome = Notification.objects.get(recipient=reporter)
    assert outcome.kind == NotificationKind.REPORT_HANDLED
    assert AuditEvent.objects.filter(
        action=AuditAction.CONTENT_HIDDEN, actor=cast.moderator
    ).exists()


def test_hiding_needs_a_guideline_and_changes_nothing_without_it(cast, comment):
    report = report_for(UserFactory(), "idea_comment", comment)
    with pytest.raises(ValidationError):
        services.case_hide(actor=cast.moderator, case=report.case, guideline="")
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert Case.objects.get().state == Case.State.OPEN
    assert not Notification.objects.exists()


def test_a_decided_case_is_not_decided_again(cast, comment):
    report = report_for(UserFactory(), "idea_comment", comment)
    services.case_dismiss(actor=cast.moderator, case=report.case)
    with pytest.raises(ValidationError):
        services.case_hide(actor=cast.moderator, case=report.case, guideline=Guideline.SCAMS)
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_warning_leaves_the_item_and_tells_the_author_the_guideline(cast, comment):
    report = report_for(UserFactory(), "idea_comment", comment)
    services.case_warn(actor=cast.moderator, case=report.case, guideline=Guideline.PRIVACY)
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert Notification.objects.get(recipient=cast.member).kind == NotificationKind.CONTENT_WARNED
    assert Case.objects.get().state == Case.State.WARNED
    assert AuditEvent.objects.filter(action=AuditAction.AUTHOR_WARNED).exists()


def test_dismissing_tells_only_the_reporters(cast, comment):
    reporter = UserFactory()
    report = report_for(reporter, "idea_comment", comment)
    services.case_dismiss(actor=cast.moderator, case=report.case)
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (reporter.pk, NotificationKind.REPORT_HANDLED)
    ]
    assert AuditEvent.objects.filter(action=AuditAction.CASE_DISMISSED).exists()


def test_a_report_after_a_dismissal_opens_the_case_again(cast, comment):
    report = report_for(UserFactory(), "idea_comment", comment)
    services.case_dismiss(actor=cast.moderator, case=report.case)
    report_for(cast.mentor, "idea_comment", comment)
    assert Case.objects.get().state == Case.State.OPEN


def _hidden(cast, comment):
    report = report_for(UserFactory(), "idea_comment", comment)
    return services.case_hide(
        actor=cast.moderator, case=report.case, guideline=Guideline.HARASSMENT
    )


def test_the_author_appeals_once_and_only_the_author(cast, comment):
    case = _hidden(cast, comment)
    with pytest.raises(ValidationError):
        services.appeal_create(actor=cast.mentor, case=case, text="Ei ole hänen.")
    with pytest.raises(ValidationError):
        services.appeal_create(actor=cast.member, case=case, text="   ")
    services.appeal_create(actor=cast.member, case=case, text="Se oli vitsi.")
    with pytest.raises(ValidationError) as error:
        services.appeal_create(actor=cast.member, case=case, text="Vielä kerran.")
    assert error.value.code == "twice"
    assert Appeal.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.APPEAL_CREATED).exists()


def test_the_moderator_who_hid_it_does_not_decide_the_appeal(cast, comment):
    case = _hidden(cast, comment)
    appeal = services.appeal_create(actor=cast.member, case=case, text="Se oli vitsi.")
    with pytest.raises(ValidationError) as error:
        services.case_restore(actor=cast.moderator, case=case)
    assert error.value.code == "same_moderator"
    with pytest.raises(ValidationError):
        services.appeal_uphold(actor=cast.moderator, appeal=appeal)
    comment.refresh_from_db()
    assert comment.hidden_at is not None


def test_another_moderator_restores_on_appeal(cast, comment):
    case = _hidden(cast, comment)
    services.appeal_create(actor=cast.member, case=case, text="Se oli vitsi.")
    other = user_with_role(Role.MODERATOR)
    services.case_restore(actor=other, case=case)
    comment.refresh_from_db()
    assert comment.hidden_at is None and comment.hidden_guideline == ""
    appeal = Appeal.objects.get()
    assert (appeal.outcome, appeal.decided_by) == (Appeal.Outcome.RESTORED, other)
    assert Case.objects.get().state == Case.State.RESTORED
    assert Notification.objects.filter(
        recipient=cast.member, kind=NotificationKind.CONTENT_RESTORED
    ).exists()
    assert AuditEvent.objects.filter(action=AuditAction.CONTENT_RESTORED, actor=other).exists()


def test_another_moderator_may_keep_it_hidden(cast, comment):
    case = _hidden(cast, comment)
    appeal = services.appeal_create(actor=cast.member, case=case, text="Se oli vitsi.")
    services.appeal_uphold(actor=user_with_role(Role.MODERATOR), appeal=appeal)
    comment.refresh_from_db()
    assert comment.hidden_at is not None
    assert Appeal.objects.get().outcome == Appeal.Outcome.UPHELD
    assert Notification.objects.filter(
        recipient=cast.member, kind=NotificationKind.APPEAL_UPHELD
    ).exists()


def test_a_deleted_reporters_reports_stay_without_their_name(cast, comment):
    reporter = UserFactory()
    report_for(reporter, "idea_comment", comment)
    user_delete(user=reporter)
    report = Report.objects.get()
    assert report.reporter is None
    assert Case.objects.get().state == Case.State.OPEN


def test_the_reports_a_person_sent_are_in_their_data_download(cast):
    from ideahautomo.accounts.services import user_data_export

    comment = comment_for(UserFactory(), body="Ostakaa kelloja")
    report_for(cast.member, "idea_comment", comment, reason="spam", details="Mainos")
    report_for(cast.mentor, "idea_comment", comment)
    [sent] = user_data_export(user=cast.member)["reports_sent"]
    assert (sent["kind"], sent["object_id"], sent["reason"], sent["details"]) == (
        "idea_comment",
        comment.pk,
        "spam",
        "Mainos",
    )
    assert "Ostakaa kelloja" in sent["snapshot"]
