from django.urls import path

from . import views

app_name = "circles"

urlpatterns = [
    path("opintopiirit/", views.circle_list, name="list"),
    path("opintopiirit/uusi/", views.create, name="create"),
    path("opintopiirit/<int:pk>/", views.detail, name="detail"),
    path("opintopiirit/<int:pk>/liity/", views.join, name="join"),
    path("opintopiirit/<int:pk>/poistu/", views.leave, name="leave"),
    path("opintopiirit/pyynnot/<int:membership_pk>/", views.decide, name="decide"),
]
