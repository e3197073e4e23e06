from django.urls import path

from . import views

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
]
