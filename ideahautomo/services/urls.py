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
]
