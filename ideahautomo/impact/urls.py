from django.urls import path

from . import kiosk_views, member_views, views

app_name = "impact"

urlpatterns = [
    path("tyollisyyspalvelut/vaikuttavuus/", views.dashboard, name="dashboard"),
    path("tyollisyyspalvelut/vaikuttavuus/vienti.csv", views.export_csv, name="export_csv"),
    path("tyollisyyspalvelut/vaikuttavuus/vienti.xlsx", views.export_xlsx, name="export_xlsx"),
    path("tyollisyyspalvelut/vaikuttavuus/<int:area_pk>/", views.dashboard, name="area"),
    path(
        "tyollisyyspalvelut/vaikuttavuus/<int:area_pk>/vienti.csv",
        views.export_csv,
        name="area_export_csv",
    ),
    path(
        "tyollisyyspalvelut/vaikuttavuus/<int:area_pk>/vienti.xlsx",
        views.export_xlsx,
        name="area_export_xlsx",
    ),
    path(
        "tyollisyyspalvelut/vaikuttavuus/pisteet/<int:point_pk>/",
        views.point_figures,
        name="point",
    ),
    path("tilanne/", member_views.check_in, name="check_in"),
    path("tilanne/ohita/", member_views.check_in_skip, name="check_in_skip"),
    path("tilanne/historia/", member_views.history, name="history"),
    path("palaute/", member_views.feedback, name="feedback"),
    path("palaute/kiitos/", member_views.feedback_thanks, name="feedback_thanks"),
    path(
        "tyollisyyspalvelut/pisteet/<int:pk>/kioski/",
        kiosk_views.kiosk_start,
        name="kiosk_start",
    ),
    path("kioski/<str:token>/", kiosk_views.kiosk, name="kiosk"),
    path("kioski/<str:token>/kiitos/", kiosk_views.kiosk_thanks, name="kiosk_thanks"),
    path(
        "kioski/<str:token>/kieli/<str:language>/",
        kiosk_views.kiosk_language,
        name="kiosk_language",
    ),
]
