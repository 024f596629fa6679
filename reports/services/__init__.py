from .levering import (
    levering_gemeld,  # noqa: F401
    levering_ongedaan,  # noqa: F401
)
from .rapporten import (  # noqa: F401
    kwartaal_grenzen,
    levering_gedownload,
    rapport_aanvragen,
    rapport_maken,
    rapport_mislukt,
)
from .taakstelling import (
    taakstelling_opslaan,  # noqa: F401
    taakstelling_verwijderen,  # noqa: F401
)
