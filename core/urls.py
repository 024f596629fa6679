from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("beheer/toegangslog/", views.toegangslog, name="toegangslog"),
    path("werkvoorraad/", views.werkvoorraad, name="werkvoorraad"),
    path("werkvoorraad/team/", views.werkvoorraad, {"team": True}, name="werkvoorraad-team"),
    path("meldingen/", views.meldingen, name="meldingen"),
]
