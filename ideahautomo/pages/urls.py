from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("tutustu/", views.tour, name="tour"),
    path("yhteisoohjeet/", views.guidelines, name="guidelines"),
    path("tietosuoja/", views.privacy, name="privacy"),
    path("saavutettavuus/", views.accessibility, name="accessibility"),
    path("tervetuloa/", views.welcome, name="welcome"),
    path("kieli/<str:language>/", views.set_language, name="set_language"),
    # Browsers and tools that ask for the old name get the icon the pages name.
    path("favicon.ico", views.favicon, name="favicon"),
]
