"""Every write of ontzorging. Money is Decimal from the form to the XML; nothing is paid twice
(one payment per vaste last per month, one batch per payment at a time) and no one person
sends money alone (a batch is approved by a teamleider who did not compose it)."""

from .afschriften import (  # noqa: F401
    afschrift_inlezen,
    afschrift_mislukt,
    afschrift_verwerken,
    afschrift_voortgang,
)
from .bank import (  # noqa: F401
    batch_export_mislukt,
    batch_export_starten,
    batch_exporteren,
    batch_goedkeuren,
    batch_intrekken,
    batch_samenstellen,
    batch_voortgang,
    onbevestigde_batches_melden,
)
from .lasten import (  # noqa: F401
    betaling_opnieuw_plannen,
    betalingen_bijplannen,
    betalingen_plannen,
    overname_vastleggen,
    vaste_last_toevoegen,
    vaste_last_wijzigen,
)
from .periodes import (  # noqa: F401
    betaalinstelling_opslaan,
    doelgroep_toetsen,
    periode_aanmaken,
    periode_beeindigen,
    periode_bijwerken,
    periode_verlengen,
    periodes_bijwerken,
)
from .planning import periode_plannen  # noqa: F401
