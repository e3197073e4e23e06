from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("viestit/", views.conversation_list, name="conversations"),
    path("viestit/uusi/", views.conversation_start, name="start"),
    path("viestit/<int:pk>/", views.conversation_detail, name="conversation"),
    path("viestit/<int:pk>/uudet/", views.conversation_poll, name="poll"),
    path("viestit/<int:pk>/poistu/", views.conversation_leave, name="leave"),
    path("viestit/yhteyshenkilot/", views.staff_contacts, name="staff_contacts"),
    path("viestit/estetyt/", views.block_list, name="blocks"),
    path("viestit/estetyt/<int:user_id>/esta/", views.block_create, name="block"),
    path("viestit/estetyt/<int:user_id>/poista/", views.block_remove, name="unblock"),
    path("ilmoitukset/", views.notification_list, name="notifications"),
    path("ilmoitukset/luettu/", views.notifications_mark_all_read, name="notifications_read"),
    path("ilmoitukset/<int:pk>/", views.notification_open, name="notification_open"),
    path("ilmoitukset/<int:pk>/luettu/", views.notification_mark_read, name="notification_read"),
    path("ilmoitukset/asetukset/", views.notification_settings, name="notification_settings"),
    path("ilmoitukset/peru/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
