from django.urls import path

from . import views

app_name = "participatie"

# On a person's dossier: /personen/<uuid>/participatie/…
urlpatterns = [
    path("", views.participatie_lijst, name="participatie-lijst"),
    path("nieuw/", views.participatie_nieuw, name="participatie-nieuw"),
    path("<uuid:participatie>/", views.participatie_bewerken, name="participatie-bewerken"),
    path(
        "<uuid:participatie>/verwijderen/",
        views.participatie_verwijderen,
        name="participatie-verwijderen",
    ),
]
