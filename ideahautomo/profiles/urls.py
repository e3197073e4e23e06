from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    path("profiili/", views.my_profile, name="mine"),
    path("profiili/aloitus/", views.onboarding, name="onboarding"),
    path("profiili/kuva/", views.photo, name="photo"),
    path("profiili/mentorina/", views.mentor_profile_edit, name="mentor_profile"),
    path("profiili/<slug:slug>/", views.step, name="step"),
    path("jasenet/", views.directory, name="directory"),
    path("jasenet/<int:user_id>/", views.detail, name="detail"),
    path("jasenet/<int:user_id>/kuva/", views.photo_file, name="photo_file"),
    path("jasenet/<int:user_id>/kuva/<int:size>/", views.photo_rendition, name="photo_rendition"),
    path("suositukset/", views.suggestions, name="suggestions"),
]
