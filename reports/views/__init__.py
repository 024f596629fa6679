from .participatie import (  # noqa: F401
    participatie_bewerken,
    participatie_lijst,
    participatie_nieuw,
    participatie_verwijderen,
)
