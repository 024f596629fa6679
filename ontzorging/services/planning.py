"""Planning payments: one per vaste last per calendar month that overlaps the period, up to a
given month, in one INSERT … ON CONFLICT DO NOTHING on the unique (last, month), so a second
run, or two at once, plans nothing twice. Each run writes one Betalingsplanning row that every
payment it planned points at: that row is the audit of a planned payment."""

import datetime
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from statushouders.models import Gemeente
from termijnen.services import termijnconfig

from ..constants import TERMIJN_EINDE, PlanningAanleiding
from ..geld import maand_van, volgende_maand
from ..models import Ontzorgperiode

# Per vaste last, every month from the latest of (its first month, the period's start month,
# `vanaf`) to the earliest of (its last month, the month before the person takes it over, the
# period's end from its deadline, an early end, `tot`). The period's end is a day (31-08): a
# month counts when it begins on or before it, so every month that overlaps the period is paid.
# A month the person's other period already pays to the same account and reference is left
# out (periods of one person never share a month; this holds it for data made otherwise too).
_PLANNEN = """
WITH nummer AS (
    SELECT nextval(pg_get_serial_sequence('ontzorging_betalingsplanning', 'id')) AS id
), gepland AS (
    INSERT INTO ontzorging_betaling
        (vaste_last_id, maand, planning_id, bedrag, status, pogingen, reden_mislukt, betaald_op,
         created_at)
    SELECT l.id, m.maand::date, (SELECT id FROM nummer), l.maandbedrag, 'gepland', 1, '', NULL,
           now()
    FROM ontzorging_vastelast l
    JOIN ontzorging_ontzorgperiode p ON p.id = l.periode_id
    JOIN statushouders_persoon pe ON pe.id = p.persoon_id
    JOIN termijnen_termijn t ON t.persoon_id = p.persoon_id AND t.config_id = %(config)s
         AND t.sleutel = p.uuid::text
    CROSS JOIN LATERAL generate_series(
        greatest(l.eerste_maand, date_trunc('month', p.start_bijstand)::date,
                 %(vanaf)s::date)::timestamp,
        least(l.laatste_maand, (l.overname_maand - interval '1 month')::date, t.vervalt_op,
              p.beeindigd_op, %(tot)s::date)::timestamp,
        interval '1 month'
    ) AS m(maand)
    WHERE p.status IN ('gepland', 'actief', 'afbouw')
      AND p.machtiging_op IS NOT NULL
      {filter}
      -- What is planned already is skipped before the insert: a night checks every month
      -- since each period began, and a conflict costs more than an anti-join.
      AND NOT EXISTS (
          SELECT 1 FROM ontzorging_betaling b
          WHERE b.vaste_last_id = l.id AND b.maand = m.maand::date
      )
      AND NOT EXISTS (
          SELECT 1 FROM ontzorging_betaling b2
          JOIN ontzorging_vastelast l2 ON l2.id = b2.vaste_last_id
          JOIN ontzorging_ontzorgperiode p2 ON p2.id = l2.periode_id
          WHERE b2.maand = m.maand::date AND p2.persoon_id = p.persoon_id AND p2.id <> p.id
            AND l2.iban = l.iban AND upper(l2.kenmerk) = upper(l.kenmerk)
      )
    ON CONFLICT (vaste_last_id, maand) DO NOTHING
    RETURNING vaste_last_id, maand
), vastgelegd AS (
    INSERT INTO ontzorging_betalingsplanning
        (id, moment, aanleiding, door_id, gemeente_id, tot_maand, aantal, ingehaald)
    SELECT nummer.id, now(), %(aanleiding)s, %(door)s, %(gemeente)s, %(tot)s,
           (SELECT count(*) FROM gepland),
           (SELECT count(*) FROM gepland WHERE maand < %(op_tijd)s)
    FROM nummer
    WHERE %(altijd)s OR EXISTS (SELECT 1 FROM gepland)
    RETURNING aantal
)
SELECT NULL::bigint, NULL::date[], (SELECT coalesce(max(aantal), 0) FROM vastgelegd)
UNION ALL
SELECT l.periode_id, array_agg(DISTINCT g.maand ORDER BY g.maand), count(*)
FROM gepland g JOIN ontzorging_vastelast l ON l.id = g.vaste_last_id
WHERE g.maand < %(op_tijd)s
GROUP BY l.periode_id
"""


@dataclass
class Planningsuitkomst:
    aantal: int = 0
    # The payments planned late (of months before `op_tijd`), and their months per period.
    ingehaald_aantal: int = 0
    ingehaald: dict[int, list[datetime.date]] = field(default_factory=dict)


def plannen(
    *,
    tot: datetime.date,
    aanleiding: str,
    door: User | None = None,
    vanaf: datetime.date | None = None,
    periode: Ontzorgperiode | None = None,
    gemeente: Gemeente | None = None,
    op_tijd: datetime.date | None = None,
) -> Planningsuitkomst:
    """Plan every payment due up to and including the month `tot` (from `vanaf` on, or from
    each last's first month) of every running period with a machtiging, or of one period or
    one gemeente. Payments of months before `op_tijd` are reported per period as caught up.
    The run is recorded when it planned something, and for the nightly run always."""
    filters, parameters = [], {}
    if periode is not None:
        filters.append("AND p.id = %(periode)s")
        parameters["periode"] = periode.pk
    if gemeente is not None:
        filters.append("AND pe.gemeente_id = %(gemeente_filter)s")
        parameters["gemeente_filter"] = gemeente.pk
    parameters |= {
        "config": termijnconfig(TERMIJN_EINDE).pk,
        "vanaf": maand_van(vanaf) if vanaf else None,
        "tot": maand_van(tot),
        "op_tijd": maand_van(op_tijd) if op_tijd else None,
        "aanleiding": PlanningAanleiding(aanleiding).value,
        "door": door.pk if door else None,
        "gemeente": gemeente.pk if gemeente else None,
        "altijd": aanleiding == PlanningAanleiding.NACHT,
    }
    uitkomst = Planningsuitkomst()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_PLANNEN.format(filter="\n      ".join(filters)), parameters)
        for periode_id, maanden, aantal in cursor.fetchall():
            if periode_id is None:
                uitkomst.aantal = aantal
            else:
                uitkomst.ingehaald[periode_id] = maanden
                uitkomst.ingehaald_aantal += aantal
    return uitkomst


def periode_plannen(*, periode: Ontzorgperiode, door: User) -> int:
    """Plan the period's payments at once, from its first month up to and including next
    month: after a last is added or changed, a machtiging recorded or an extension decided,
    nothing waits for the night (and the month that has begun is not missed)."""
    return plannen(
        tot=volgende_maand(timezone.localdate()),
        aanleiding=PlanningAanleiding.DOSSIER,
        door=door,
        periode=periode,
    ).aantal
