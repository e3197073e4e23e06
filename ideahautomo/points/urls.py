from django.urls import path

from . import views

app_name = "points"

urlpatterns = [
    path("tyollisyyspalvelut/pisteet/", views.point_list, name="list"),
    path("tyollisyyspalvelut/pisteet/uusi/", views.point_create, name="create"),
    path("tyollisyyspalvelut/pisteet/<int:pk>/", views.point_detail, name="detail"),
    path("tyollisyyspalvelut/pisteet/<int:pk>/muokkaa/", views.point_edit, name="edit"),
    path("tyollisyyspalvelut/pisteet/<int:pk>/peru/", views.count_undo, name="undo"),
]
