from django.urls import path

from . import views

app_name = "verwijzingen"

urlpatterns = [
    path("nieuw/", views.verwijzing_create, name="verwijzing-nieuw"),
    path("<uuid:verwijzing_uuid>/", views.verwijzing_detail, name="verwijzing-detail"),
    path(
        "<uuid:verwijzing_uuid>/toestemming-intrekken/",
        views.toestemming_intrekken,
        name="toestemming-intrekken",
    ),
    path(
        "<uuid:verwijzing_uuid>/toestemming/",
        views.toestemming_document,
        name="toestemming-document",
    ),
]
