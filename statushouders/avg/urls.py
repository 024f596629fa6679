from django.urls import path

from . import views

app_name = "avg"

urlpatterns = [
    path("beheer/inzage/", views.inzage_zoeken, name="inzage-zoeken"),
    path("beheer/inzage/<uuid:uuid>/", views.inzage, name="inzage"),
    path("beheer/inzage/<uuid:uuid>/toegang/", views.inzage_toegang, name="inzage-toegang"),
    path(
        "beheer/inzage/<uuid:uuid>/<uuid:inzage_uuid>/status/",
        views.inzage_status,
        name="inzage-status",
    ),
    path(
        "beheer/inzage/<uuid:uuid>/<uuid:inzage_uuid>/download/",
        views.inzage_downloaden,
        name="inzage-downloaden",
    ),
    path("beheer/bewaartermijnen/", views.bewaartermijn_lijst, name="bewaartermijn-lijst"),
    path(
        "beheer/bewaartermijnen/<str:cbs_code>/",
        views.bewaartermijn_bewerken,
        name="bewaartermijn-bewerken",
    ),
]
