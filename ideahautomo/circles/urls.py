from django.urls import path

from . import views

app_name = "circles"

urlpatterns = [
    path("opintopiirit/", views.circle_list, name="list"),
    path("opintopiirit/uusi/", views.create, name="create"),
    path("opintopiirit/toiveet/", views.interests, name="interests"),
    path("opintopiirit/toiveet/<int:pk>/poista/", views.interest_remove, name="interest_remove"),
    path("tyollisyyspalvelut/opintopiirien-kysynta/", views.demand, name="demand"),
    path("opintopiirit/<int:pk>/", views.detail, name="detail"),
    path("opintopiirit/<int:pk>/liity/", views.join, name="join"),
    path("opintopiirit/<int:pk>/poistu/", views.leave, name="leave"),
    path("opintopiirit/pyynnot/<int:membership_pk>/", views.decide, name="decide"),
]
