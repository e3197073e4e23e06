"""Messaging's old reports (a person, or one of their messages) move into the one queue:
a message still there becomes a "message" case, anything else a "profile" case of the
reported person (a profile's id is its user's id). A handled report's case is dismissed;
a case with any unhandled report waits for a moderator."""

from django.db import migrations

OPEN = "open"
DISMISSED = "dismissed"
DECIDED = ("dismissed", "warned", "restored")


def move_reports(apps, schema_editor):
    OldReport = apps.get_model("messaging", "Report")
    Case = apps.get_model("moderation", "Case")
    Report = apps.get_model("moderation", "Report")
    old_reports = OldReport.objects.select_related("reported_user").order_by("created_at", "id")
    for old in old_reports.iterator():
        if old.message_id is not None:
            kind, object_id = "message", old.message_id
            snapshot = old.message_body
        else:
            kind, object_id = "profile", old.reported_user_id
            snapshot = old.message_body or old.reported_user.display_name
        handled = old.handled_at is not None
        case, created = Case.objects.get_or_create(
            kind=kind,
            object_id=object_id,
            defaults={
                "author_id": old.reported_user_id,
                "snapshot": snapshot,
                "opened_at": old.created_at,
                "state": DISMISSED if handled else OPEN,
                "decided_at": old.handled_at,
                "decided_by_id": old.handled_by_id,
            },
        )
        if not created:
            if not handled and case.state in DECIDED:
                case.state = OPEN
                case.decided_at = None
                case.decided_by_id = None
                case.save(update_fields=["state", "decided_at", "decided_by"])
            elif handled and case.state == DISMISSED and (
                case.decided_at is None or case.decided_at < old.handled_at
            ):
                case.decided_at = old.handled_at
                case.decided_by_id = old.handled_by_id
                case.save(update_fields=["decided_at", "decided_by"])
        if (
            old.reporter_id is not None
            and Report.objects.filter(
                reporter_id=old.reporter_id, kind=kind, object_id=object_id
            ).exists()
        ):
            continue  # the same person reported the same thing twice: one report stays
        Report.objects.create(
            case=case,
            reporter_id=old.reporter_id,
            kind=kind,
            object_id=object_id,
            snapshot=snapshot,
            author_id=old.reported_user_id,
            reason=old.reason,
            details=old.details,
            created_at=old.created_at,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("messaging", "0009_mentoring_notification_kinds"),
    ]

    operations = [
        migrations.RunPython(move_reports, migrations.RunPython.noop),
    ]
