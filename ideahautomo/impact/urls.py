from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("tilanne/", views.check_in, name="check_in"),
    path("tilanne/ohita/", views.check_in_skip, name="check_in_skip"),
    path("tilanne/historia/", views.history, name="history"),
    path("palaute/", views.feedback, name="feedback"),
    path("palaute/kiitos/", views.feedback_thanks, name="feedback_thanks"),
]
