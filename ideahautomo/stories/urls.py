from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("tarinat/", views.story_list, name="list"),
    path("tarinat/vihko/", views.booklet, name="booklet"),
    path("tarinat/omat/", views.my_stories, name="mine"),
    path("tarinat/uusi/", views.story_write, name="write"),
    path("tarinat/uusi/asiakkaasta/", views.story_draft, name="draft"),
    path("tarinat/julkaistavat/", views.publishing_queue, name="queue"),
    path("tarinat/<int:pk>/", views.story_detail, name="detail"),
    path("tarinat/<int:pk>/muokkaa/", views.story_edit, name="edit"),
    path("tarinat/<int:pk>/suostumus/", views.story_consent, name="consent"),
    path("tarinat/<int:pk>/julkaise/", views.story_publish, name="publish"),
    path("tarinat/<int:pk>/peru/", views.story_withdraw, name="withdraw"),
]
