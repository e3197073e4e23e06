from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("kumppanit/", views.organisation_list, name="organisations"),
    path("kumppanit/uusi/", views.organisation_create, name="organisation_create"),
    path("kumppanit/<int:pk>/", views.organisation_detail, name="organisation"),
    path("kumppanit/<int:pk>/muokkaa/", views.organisation_edit, name="organisation_edit"),
    path("kumppanit/<int:pk>/logo/", views.organisation_logo, name="organisation_logo"),
    path("kumppanit/<int:pk>/logo.png", views.organisation_logo_file, name="logo_file"),
    path("kumppanit/<int:pk>/palvelut/uusi/", views.service_create, name="create"),
    path("palvelut/", views.service_map, name="map"),
    path("palvelut/tarkistettavat/", views.services_unchecked, name="unchecked"),
    path("palvelut/<int:pk>/", views.service_detail, name="detail"),
    path("palvelut/<int:pk>/muokkaa/", views.service_edit, name="edit"),
    path("palvelut/<int:pk>/aukioloajat/", views.service_hours, name="hours"),
    path("palvelut/<int:pk>/tarkistettu/", views.service_check, name="check"),
    path("palvelut/<int:pk>/suosittele/", views.service_refer, name="refer"),
]
