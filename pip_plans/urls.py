from django.urls import path

from . import views

app_name = "pip_plans"

urlpatterns = [
    path("", views.plan_detail, name="plan-detail"),
    path("nieuw/<uuid:intake_uuid>/", views.plan_aanmaken, name="plan-nieuw"),
    path("bewerken/", views.plan_bewerken, name="plan-bewerken"),
    path("doelen/nieuw/", views.doel_bewerken, name="doel-nieuw"),
    path("doelen/<uuid:doel_uuid>/", views.doel_bewerken, name="doel-bewerken"),
    path("vaststellen/", views.plan_vaststellen, name="plan-vaststellen"),
    path("wijzigen/", views.plan_wijzigen, name="plan-wijzigen"),
    path("versies/vergelijken/", views.versies_vergelijken, name="versies-vergelijken"),
    path("versies/<int:nummer>/", views.versie_detail, name="versie-detail"),
    path("versies/<int:nummer>/pdf/", views.versie_pdf, name="versie-pdf"),
    path("versies/<int:nummer>/pdf/status/", views.versie_pdf_status, name="versie-pdf-status"),
    path("versies/<int:nummer>/pdf/opnieuw/", views.versie_pdf_opnieuw, name="versie-pdf-opnieuw"),
    path("verlenging/nieuw/", views.verlenging_create, name="verlenging-nieuw"),
    path("voortgang/nieuw/", views.voortgangsgesprek_create, name="voortgangsgesprek-nieuw"),
]
