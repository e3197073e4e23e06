from django.urls import path

from . import views

app_name = "announcements"

urlpatterns = [
    path("tiedotteet/", views.announcement_list, name="list"),
    path("tiedotteet/uusi/", views.announcement_create, name="create"),
    path("tiedotteet/<int:pk>/", views.announcement_detail, name="detail"),
]
