from django.urls import path

from .views import levering, rapportages, taakstelling

app_name = "reports"

urlpatterns = [
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
