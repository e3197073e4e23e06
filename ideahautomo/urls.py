from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Ideahautomo"
admin.site.site_title = "Ideahautomo"

urlpatterns = [
    # The admin signs in through the service's own sign-in, with its two steps.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:sign_in", query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("", include("ideahautomo.pages.urls")),
    path("", include("ideahautomo.accounts.urls")),
    path("", include("ideahautomo.profiles.urls")),
    path("", include("ideahautomo.ideas.urls")),
    path("", include("ideahautomo.circles.urls")),
    path("", include("ideahautomo.events.urls")),
    path("", include("ideahautomo.services.urls")),
    path("", include("ideahautomo.points.urls")),
    path("", include("ideahautomo.messaging.urls")),
    path("", include("ideahautomo.search.urls")),
    path("", include("ideahautomo.announcements.urls")),
    path("", include("ideahautomo.guides.urls")),
    path("", include("ideahautomo.mentoring.urls")),
    path("", include("ideahautomo.stories.urls")),
    path("", include("ideahautomo.moderation.urls")),
    path("", include("ideahautomo.impact.urls")),
]
