from .levering import (
    LeveringForm,  # noqa: F401
    LeveringOngedaanForm,  # noqa: F401
)
from .rapportages import DashboardFilterForm, LeveringAanvragenForm, RapportAanvragenForm  # noqa: F401
from .taakstelling import (
    GemeenteFilterForm,  # noqa: F401
    TaakstellingForm,  # noqa: F401
)
