from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("tapahtumat/", views.event_list, name="list"),
    path("tapahtumat/kalenteri/", views.event_month, name="month"),
    path("tapahtumat/menneet/", views.event_archive, name="archive"),
    path("tapahtumat/uusi/", views.event_create, name="create"),
    path("tapahtumat/hallinta/", views.event_manage, name="manage"),
    path("tapahtumat/omat/", views.my_events, name="mine"),
    path("tapahtumat/omat/kalenterilinkki/", views.calendar_feed_manage, name="feed_manage"),
    path("tapahtumat/syote/<str:token>/", views.calendar_feed, name="feed"),
    path("tapahtumat/<int:pk>/", views.event_detail, name="detail"),
    path("tapahtumat/<int:pk>/ilmoittaudu/", views.event_register, name="register"),
    path(
        "tapahtumat/<int:pk>/peru-ilmoittautuminen/",
        views.registration_cancel,
        name="cancel_registration",
    ),
    path("tapahtumat/<int:pk>/kalenteriin.ics", views.event_ics, name="ics"),
    path("tapahtumat/<int:pk>/palaute/", views.event_feedback, name="feedback"),
    path("tapahtumat/<int:pk>/muokkaa/", views.event_edit, name="edit"),
    path("tapahtumat/<int:pk>/paata/", views.event_decide, name="decide"),
    path("tapahtumat/<int:pk>/peru/", views.event_cancel, name="cancel"),
    path("tapahtumat/<int:pk>/osallistujat/", views.event_attendees, name="attendees"),
    path("tapahtumat/<int:pk>/osallistujat.csv", views.event_export, name="export"),
]
