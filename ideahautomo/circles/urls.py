from django.urls import path

from . import discussion_views, manage_views, session_views, views

app_name = "circles"

urlpatterns = [
    path("opintopiirit/", views.circle_list, name="list"),
    path("opintopiirit/uusi/", views.create, name="create"),
    path("opintopiirit/toiveet/", views.wishes, name="wishes"),
    path("opintopiirit/toiveet/<int:pk>/poista/", views.wish_remove, name="wish_remove"),
    path("tyollisyyspalvelut/opintopiirien-kysynta/", views.demand, name="demand"),
    path("opintopiirit/<int:pk>/", views.detail, name="detail"),
    path("opintopiirit/<int:pk>/liity/", views.join, name="join"),
    path("opintopiirit/<int:pk>/poistu/", views.leave, name="leave"),
    path("opintopiirit/pyynnot/<int:membership_pk>/", views.decide, name="decide"),
    path("opintopiirit/<int:pk>/tapaamiset/", session_views.session_list, name="sessions"),
    path(
        "opintopiirit/<int:pk>/tapaamiset/uusi/",
        session_views.session_create,
        name="session_create",
    ),
    path(
        "opintopiirit/<int:pk>/tapaamiset/<int:session_pk>/muokkaa/",
        session_views.session_edit,
        name="session_edit",
    ),
    path(
        "opintopiirit/<int:pk>/tapaamiset/<int:session_pk>/peru/",
        session_views.session_cancel,
        name="session_cancel",
    ),
    path(
        "opintopiirit/<int:pk>/tapaamiset/<int:session_pk>/lasnaolot/",
        session_views.session_attendance,
        name="session_attendance",
    ),
    path(
        "opintopiirit/<int:pk>/tapaamiset/<int:session_pk>/kalenteriin.ics",
        session_views.session_ics,
        name="session_ics",
    ),
    path(
        "opintopiirit/<int:pk>/tapaamiset/kalenteri/",
        session_views.session_feed_manage,
        name="session_feed_manage",
    ),
    path(
        "opintopiirit/<int:pk>/tapaamiset/kalenteri/<str:token>/",
        session_views.session_feed,
        name="session_feed",
    ),
    path("opintopiirit/<int:pk>/muokkaa/", manage_views.edit, name="edit"),
    path("opintopiirit/<int:pk>/jasenet/", manage_views.members, name="members"),
    path("opintopiirit/<int:pk>/kutsu/", manage_views.invite, name="invite"),
    path(
        "opintopiirit/<int:pk>/kutsu/vastaa/",
        manage_views.invitation_answer,
        name="invitation_answer",
    ),
    path(
        "opintopiirit/<int:pk>/jasenet/<int:membership_pk>/poista/",
        manage_views.member_remove,
        name="member_remove",
    ),
    path(
        "opintopiirit/<int:pk>/jasenet/<int:membership_pk>/jarjestajaksi/",
        manage_views.organiser_add,
        name="organiser_add",
    ),
    path(
        "opintopiirit/<int:pk>/keskustelu/uusi/",
        discussion_views.post_create,
        name="post_create",
    ),
    path(
        "opintopiirit/<int:pk>/keskustelu/<int:post_pk>/vastaa/",
        discussion_views.post_reply,
        name="post_reply",
    ),
    path(
        "opintopiirit/<int:pk>/keskustelu/<int:post_pk>/muokkaa/",
        discussion_views.post_edit,
        name="post_edit",
    ),
    path(
        "opintopiirit/<int:pk>/keskustelu/<int:post_pk>/poista/",
        discussion_views.post_remove,
        name="post_remove",
    ),
]
