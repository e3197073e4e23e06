from django.urls import path

from . import views

app_name = "mentoring"

urlpatterns = [
    path("mentorit/", views.mentor_directory, name="directory"),
    path("mentorit/<int:mentor_id>/pyyda/", views.mentoring_request, name="request"),
    path("mentorointi/", views.my_mentorings, name="mine"),
    path("mentorointi/<int:pk>/", views.mentoring_detail, name="detail"),
    path("mentorointi/<int:pk>/vastaa/", views.mentoring_answer, name="answer"),
    path("mentorointi/<int:pk>/peru/", views.mentoring_withdraw, name="withdraw"),
    path("mentorointi/<int:pk>/tavoitteet/", views.mentoring_goals, name="goals"),
    path("mentorointi/<int:pk>/tapaamiset/", views.meeting_create, name="meeting"),
    path("mentorointi/<int:pk>/lopeta/", views.mentoring_end, name="end"),
    path("mentorointi/<int:pk>/palaute/", views.feedback_create, name="feedback"),
]
