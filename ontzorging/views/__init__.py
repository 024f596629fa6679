from .beheer import beheer_instelling, beheer_overzicht  # noqa: F401
from .betalingen import (  # noqa: F401
    afschrift_detail,
    afschrift_inlezen,
    afschrift_status,
    batch_detail,
    batch_download,
    batch_exporteren,
    batch_goedkeuren,
    batch_intrekken,
    batch_samenstellen,
    batch_status,
    betalingen,
    inhoudingen_csv,
)
from .dossier import (  # noqa: F401
    betaling_opnieuw,
    last_bewerken,
    last_overname,
    last_toevoegen,
    periode_aanmaken,
    periode_beeindigen,
    periode_bewerken,
    periode_detail,
    periode_verlengen,
)
