from django.urls import path

from . import views

app_name = "termijnen"

urlpatterns = [
    path("werkvoorraad/", views.werkvoorraad, name="werkvoorraad"),
    path("werkvoorraad/team/", views.werkvoorraad, {"team": True}, name="werkvoorraad-team"),
    path("meldingen/", views.meldingen, name="meldingen"),
    path("meldingen/<int:pk>/", views.melding_openen, name="melding-openen"),
    path("beheer/termijnen/", views.termijnconfig_lijst, name="termijnconfig-lijst"),
    path(
        "beheer/termijnen/<slug:code>/", views.termijnconfig_bewerken, name="termijnconfig-bewerken"
    ),
    path("beheer/feestdagen/", views.feestdag_lijst, name="feestdag-lijst"),
    path("beheer/feestdagen/<int:pk>/", views.feestdag_bewerken, name="feestdag-bewerken"),
    path(
        "beheer/feestdagen/<int:pk>/verwijderen/",
        views.feestdag_verwijderen,
        name="feestdag-verwijderen",
    ),
]

# Under /personen/<uuid>/termijnen/: pages of one person's deadlines.
dossier_urlpatterns = (
    [
        path("<int:termijn_id>/verlengen/", views.termijn_verlengen, name="termijn-verlengen"),
    ],
    "dossiertermijnen",
)
