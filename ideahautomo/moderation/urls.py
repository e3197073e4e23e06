from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "moderation"

urlpatterns = [
    path("ilmoita/<slug:kind>/<int:pk>/", views.report_create, name="report"),
    path("moderointi/", views.queue, name="queue"),
    # Messaging's old list of reports, now part of the one queue.
    path(
        "moderointi/ilmoitukset/",
        RedirectView.as_view(pattern_name="moderation:queue", permanent=True),
        name="old_reports",
    ),
    path("moderointi/<int:pk>/", views.case_detail, name="case"),
    path("moderointi/<int:pk>/piilota/", views.case_hide, name="hide"),
    path("moderointi/<int:pk>/muistuta/", views.case_warn, name="warn"),
    path("moderointi/<int:pk>/hylkaa/", views.case_dismiss, name="dismiss"),
    path("moderointi/<int:pk>/palauta/", views.case_restore, name="restore"),
    path("moderointi/<int:pk>/pida-piilossa/", views.appeal_uphold, name="uphold"),
    path("moderointi/paatos/<int:pk>/", views.decision, name="decision"),
    path(
        "moderointi/odottaa/<slug:kind>/<int:pk>/hyvaksy/",
        views.held_approve,
        name="held_approve",
    ),
    path(
        "moderointi/odottaa/<slug:kind>/<int:pk>/piilota/",
        views.held_decline,
        name="held_decline",
    ),
    path("moderointi/piilotettu/<slug:kind>/<int:pk>/", views.decision_for, name="decision_for"),
]
