from django.urls import path

from . import beheer_views as views

app_name = "beheer"

urlpatterns = [
    path("gebruikers/", views.gebruiker_lijst, name="gebruiker-lijst"),
    path("gebruikers/nieuw/", views.gebruiker_nieuw, name="gebruiker-nieuw"),
    path("gebruikers/<int:pk>/", views.gebruiker_detail, name="gebruiker-detail"),
    path(
        "gebruikers/<int:pk>/deactiveren/",
        views.gebruiker_deactiveren,
        name="gebruiker-deactiveren",
    ),
    path(
        "gebruikers/<int:pk>/heractiveren/",
        views.gebruiker_heractiveren,
        name="gebruiker-heractiveren",
    ),
    path("gebruikers/<int:pk>/rol/", views.rol_aanvragen, name="rol-aanvragen"),
    path("gebruikers/<int:pk>/gemeente/", views.gemeente_aanvragen, name="gemeente-aanvragen"),
    path(
        "gebruikers/<int:pk>/gemeente/<int:gemeente_pk>/intrekken/",
        views.gemeente_intrekken,
        name="gemeente-intrekken",
    ),
    path("rechtenaanvragen/", views.rechtenaanvraag_lijst, name="rechtenaanvraag-lijst"),
    path("rechtenaanvragen/<int:pk>/", views.rechtenaanvraag_detail, name="rechtenaanvraag-detail"),
    path("gemeenten/", views.gemeente_lijst, name="gemeente-lijst"),
    path("gemeenten/nieuw/", views.gemeente_bewerken, name="gemeente-nieuw"),
    path("gemeenten/<int:pk>/", views.gemeente_bewerken, name="gemeente-bewerken"),
    path("partners/", views.partner_lijst, name="partner-lijst"),
    path("partners/nieuw/", views.partner_bewerken, name="partner-nieuw"),
    path("partners/<uuid:uuid>/", views.partner_bewerken, name="partner-bewerken"),
]
