from django.urls import path

from .views import ontzorging, rechten

app_name = "beheer"

urlpatterns = [
    path("gebruikers/", rechten.gebruiker_lijst, name="gebruiker-lijst"),
    path("gebruikers/nieuw/", rechten.gebruiker_nieuw, name="gebruiker-nieuw"),
    path("gebruikers/<int:pk>/", rechten.gebruiker_detail, name="gebruiker-detail"),
    path(
        "gebruikers/<int:pk>/deactiveren/",
        rechten.gebruiker_deactiveren,
        name="gebruiker-deactiveren",
    ),
    path(
        "gebruikers/<int:pk>/heractiveren/",
        rechten.gebruiker_heractiveren,
        name="gebruiker-heractiveren",
    ),
    path("gebruikers/<int:pk>/rol/", rechten.rol_aanvragen, name="rol-aanvragen"),
    path("gebruikers/<int:pk>/gemeente/", rechten.gemeente_aanvragen, name="gemeente-aanvragen"),
    path(
        "gebruikers/<int:pk>/gemeente/<int:gemeente_pk>/intrekken/",
        rechten.gemeente_intrekken,
        name="gemeente-intrekken",
    ),
    path("rechtenaanvragen/", rechten.rechtenaanvraag_lijst, name="rechtenaanvraag-lijst"),
    path(
        "rechtenaanvragen/<int:pk>/", rechten.rechtenaanvraag_detail, name="rechtenaanvraag-detail"
    ),
    path("gemeenten/", rechten.gemeente_lijst, name="gemeente-lijst"),
    path("gemeenten/nieuw/", rechten.gemeente_bewerken, name="gemeente-nieuw"),
    path("gemeenten/<int:pk>/", rechten.gemeente_bewerken, name="gemeente-bewerken"),
    path("partners/", rechten.partner_lijst, name="partner-lijst"),
    path("partners/nieuw/", rechten.partner_bewerken, name="partner-nieuw"),
    path("partners/<uuid:uuid>/", rechten.partner_bewerken, name="partner-bewerken"),
    path("ontzorging/", ontzorging.beheer_overzicht, name="ontzorging"),
    path(
        "ontzorging/<int:gemeente>/",
        ontzorging.beheer_instelling,
        name="ontzorging-instelling",
    ),
]
