from django.urls import include, path

from . import views
from .views import levering, rapportages, taakstelling

app_name = "reports"

# On a person's dossier: /personen/<uuid>/participatie/…
dossier_urlpatterns = [
    path("", views.participatie_lijst, name="participatie-lijst"),
    path("nieuw/", views.participatie_nieuw, name="participatie-nieuw"),
    path("<uuid:participatie>/", views.participatie_bewerken, name="participatie-bewerken"),
    path(
        "<uuid:participatie>/verwijderen/",
        views.participatie_verwijderen,
        name="participatie-verwijderen",
    ),
]

urlpatterns = [
    path("personen/<uuid:uuid>/participatie/", include(dossier_urlpatterns)),
    path("rapportages/", rapportages.dashboard, name="dashboard"),
    path(
        "rapportages/kwartaalrapporten/",
        rapportages.kwartaalrapporten,
        name="kwartaalrapporten",
    ),
    path(
        "rapportages/kwartaalrapporten/<uuid:rapport>/",
        rapportages.kwartaalrapport,
        name="kwartaalrapport",
    ),
    path(
        "rapportages/kwartaalrapporten/<uuid:rapport>/status/",
        rapportages.kwartaalrapport_status,
        name="kwartaalrapport-status",
    ),
    path(
        "rapportages/kwartaalrapporten/<uuid:rapport>/pdf/",
        rapportages.kwartaalrapport_pdf,
        name="kwartaalrapport-pdf",
    ),
    path(
        "rapportages/kwartaalrapporten/<uuid:rapport>/xlsx/",
        rapportages.kwartaalrapport_xlsx,
        name="kwartaalrapport-xlsx",
    ),
    path("rapportages/leveringen/", rapportages.leveringen, name="leveringen"),
    path("rapportages/leveringen/<uuid:rapport>/", rapportages.levering, name="levering"),
    path(
        "rapportages/leveringen/<uuid:rapport>/status/",
        rapportages.levering_status,
        name="levering-status",
    ),
    path(
        "rapportages/leveringen/<uuid:rapport>/xlsx/",
        rapportages.levering_xlsx,
        name="levering-xlsx",
    ),
    path(
        "rapportages/leveringen/<uuid:rapport>/csv/",
        rapportages.levering_csv,
        name="levering-csv",
    ),
    path("beheer/taakstelling/", taakstelling.taakstelling_lijst, name="taakstelling-lijst"),
    path(
        "beheer/taakstelling/<int:gemeente>/",
        taakstelling.taakstelling_bewerken,
        name="taakstelling-bewerken",
    ),
    path(
        "beheer/taakstelling/<int:gemeente>/verwijderen/",
        taakstelling.taakstelling_verwijderen_view,
        name="taakstelling-verwijderen",
    ),
    path("beheer/cbs-levering/", levering.cbs_levering_lijst, name="cbs-levering"),
    path(
        "beheer/cbs-levering/<int:gemeente>/",
        levering.cbs_levering_melden,
        name="cbs-levering-melden",
    ),
    path(
        "beheer/cbs-levering/<int:gemeente>/ongedaan/",
        levering.cbs_levering_ongedaan,
        name="cbs-levering-ongedaan",
    ),
]
