from django.urls import path

from . import views

app_name = "guides"

urlpatterns = [
    path("ohjeet/", views.guide_list, name="list"),
    path("ohjeet/hallinta/", views.guide_staff_list, name="staff_list"),
    path("ohjeet/uusi/", views.guide_create, name="create"),
    path("ohjeet/<slug:slug>/", views.guide_detail, name="detail"),
    path("ohjeet/<slug:slug>/muokkaa/", views.guide_edit, name="edit"),
    path("ohjeet/<slug:slug>/julkaise/", views.guide_publish, name="publish"),
    path("ohjeet/<slug:slug>/piilota/", views.guide_unpublish, name="unpublish"),
    path("ohjeet/<slug:slug>/tarkistettu/", views.guide_review, name="review"),
]
