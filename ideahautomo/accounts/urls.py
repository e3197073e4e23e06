from django.urls import path

from . import moderation_views, staff_views, views

app_name = "accounts"

urlpatterns = [
    path("kirjaudu/", views.sign_in, name="sign_in"),
    path("kirjaudu/vahvista/", views.sign_in_verify, name="sign_in_verify"),
    path("kirjaudu/jaadytetty/", views.suspended, name="suspended"),
    path("kirjaudu-ulos/", views.sign_out, name="sign_out"),
    path("salasana/unohtui/", views.password_reset, name="password_reset"),
    path("salasana/lahetetty/", views.password_reset_done, name="password_reset_done"),
    path(
        "salasana/uusi/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "salasana/vaihdettu/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("kutsu/<str:token>/", views.invitation_accept, name="invitation"),
    path("rekisteroidy/", views.sign_up, name="sign_up"),
    path("rekisteroidy/jatka/<str:token>/", views.sign_up_continue, name="sign_up_continue"),
    path("tili/", views.account_settings, name="settings"),
    path("tili/salasana/", views.PasswordChangeView.as_view(), name="password_change"),
    path("tili/kirjaudu-ulos-kaikkialta/", views.sign_out_everywhere, name="sign_out_everywhere"),
    path("tili/tietoni/", views.data_download, name="data_download"),
    path("tili/poista/", views.account_delete, name="delete"),
    path("tili/kaksivaiheinen/", views.two_factor_setup, name="two_factor"),
    path("tili/kaksivaiheinen/pois/", views.two_factor_disable, name="two_factor_disable"),
    path(
        "tili/kaksivaiheinen/linkki/",
        views.two_factor_link_request,
        name="two_factor_link_request",
    ),
    path("tili/kaksivaiheinen/linkki/<str:token>/", views.two_factor_link, name="two_factor_link"),
    path("tyollisyyspalvelut/kutsut/", staff_views.invitation_list, name="invitation_list"),
    path(
        "tyollisyyspalvelut/kutsut/uusi/", staff_views.invitation_create, name="invitation_create"
    ),
    path(
        "tyollisyyspalvelut/kutsut/tiedosto/",
        staff_views.invitation_upload,
        name="invitation_upload",
    ),
    path(
        "tyollisyyspalvelut/kutsut/tiedosto/vahvista/",
        staff_views.invitation_upload_confirm,
        name="invitation_upload_confirm",
    ),
    path(
        "tyollisyyspalvelut/kutsut/<int:pk>/laheta-uudelleen/",
        staff_views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "tyollisyyspalvelut/kutsut/<int:pk>/peru/",
        staff_views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("tyollisyyspalvelut/rekisteroitymiset/", staff_views.sign_up_list, name="sign_up_list"),
    path(
        "tyollisyyspalvelut/rekisteroitymiset/<int:pk>/",
        staff_views.sign_up_decide,
        name="sign_up_decide",
    ),
    path("hallinta/alueet/", staff_views.areas_overview, name="areas_overview"),
    path("moderointi/jaadytykset/", moderation_views.suspension_list, name="suspension_list"),
    path(
        "moderointi/jaadytykset/uusi/<int:user_id>/",
        moderation_views.user_suspend,
        name="user_suspend",
    ),
    path(
        "moderointi/jaadytykset/<int:pk>/",
        moderation_views.suspension_detail,
        name="suspension_detail",
    ),
    path(
        "moderointi/jaadytykset/<int:pk>/poista/",
        moderation_views.suspension_lift,
        name="suspension_lift",
    ),
    path(
        "moderointi/jaadytykset/<int:pk>/valitus/",
        moderation_views.suspension_appeal_decide,
        name="suspension_appeal_decide",
    ),
    path(
        "moderointi/varoitukset/uusi/<int:user_id>/", moderation_views.user_warn, name="user_warn"
    ),
]
