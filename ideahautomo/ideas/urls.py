from django.urls import path

from . import views

app_name = "ideas"

urlpatterns = [
    path("ideat/", views.idea_list, name="list"),
    path("ideat/uusi/", views.create, name="create"),
    path("ideat/mentoreille/", views.review_queue, name="review_queue"),
    path("ideat/<int:pk>-<slug:slug>/", views.detail, name="detail"),
    path("ideat/<int:pk>/", views.detail, name="detail_short"),
    path("ideat/<int:pk>/muokkaa/", views.edit, name="edit"),
    path("ideat/<int:pk>/osaajat/", views.related, name="related"),
    path("ideat/<int:pk>/kiinnostaa/", views.interest, name="interest"),
    path("ideat/<int:pk>/seuraa/", views.follow, name="follow"),
    path("ideat/<int:pk>/kommentoi/", views.comment, name="comment"),
    path("ideat/<int:pk>/liity/", views.join, name="join"),
    path("ideat/<int:pk>/tila/", views.change_status, name="status"),
    path("ideat/<int:pk>/uutinen/", views.post_update, name="update"),
    path("ideat/<int:pk>/luovuta/", views.hand_over, name="hand_over"),
    path("ideat/<int:pk>/arkistoi/", views.archive, name="archive"),
    path("ideat/<int:pk>/palautepyynto/", views.ask_for_review, name="ask_for_review"),
    path("ideat/<int:pk>/arvio/", views.review, name="review"),
    path("ideat/kommentit/<int:comment_pk>/muokkaa/", views.comment_edit, name="comment_edit"),
    path("ideat/kommentit/<int:comment_pk>/poista/", views.comment_delete, name="comment_delete"),
    path("ideat/pyynnot/<int:request_pk>/", views.decide, name="decide"),
]
