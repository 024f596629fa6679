"""The one way history events and access-log rows of a person are removed: when the retention
period of a closed dossier has passed.

Both tables are append-only (triggers), and the application's database role may not UPDATE or
DELETE them. This function runs as its owner, the role that runs the migrations (SECURITY
DEFINER). It refuses a person whose dossier is open or whose gemeente has no retention period,
deletes only rows of history tables (tables with pgh_obj_id) and the access log of that person,
and ignores the append-only triggers of exactly those tables for its own statements: the
function's SET clause confines the setting to the function, so the caller's transaction never
runs with triggers ignored.
"""

from django.db import migrations

FUNCTIE = r"""
CREATE OR REPLACE FUNCTION koers_persoon_wissen(
    p_persoon_id bigint, p_persoon_uuid uuid, p_historie jsonb
) RETURNS integer
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public, pg_temp
SET pgtrigger.ignore = '{}'
AS $$
DECLARE
    tabel text;
    ids bigint[];
    aantal integer;
    totaal integer := 0;
    negeren text[];
BEGIN
    IF NOT EXISTS (
        SELECT 1
        FROM statushouders_persoon p
        JOIN statushouders_gemeente g ON g.id = p.gemeente_id
        WHERE p.id = p_persoon_id
          AND p.uuid = p_persoon_uuid
          AND p.afgesloten_op IS NOT NULL
          AND g.bewaartermijn_jaren IS NOT NULL
    ) THEN
        RAISE EXCEPTION 'koers_persoon_wissen: dossier % is niet afgesloten of de gemeente '
            'heeft geen bewaartermijn', p_persoon_id;
    END IF;
    IF jsonb_typeof(coalesce(p_historie, '{}'::jsonb)) <> 'object' THEN
        RAISE EXCEPTION 'koers_persoon_wissen: historie moet een object zijn';
    END IF;
    FOR tabel IN SELECT jsonb_object_keys(coalesce(p_historie, '{}'::jsonb)) LOOP
        IF NOT EXISTS (
            SELECT 1 FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name = tabel AND column_name = 'pgh_obj_id'
        ) THEN
            RAISE EXCEPTION 'koers_persoon_wissen: % is geen historietabel', tabel;
        END IF;
    END LOOP;

    SELECT coalesce(array_agg(t.tgname::text), '{}')
    INTO negeren
    FROM pg_trigger t
    WHERE NOT t.tgisinternal
      AND t.tgrelid IN (
          SELECT format('public.%I', k)::regclass
          FROM jsonb_object_keys(coalesce(p_historie, '{}'::jsonb)) k
          UNION SELECT 'public.core_toegangslog'::regclass
      );
    PERFORM set_config('pgtrigger.ignore', '{' || array_to_string(negeren, ',') || '}', true);

    FOR tabel IN SELECT jsonb_object_keys(coalesce(p_historie, '{}'::jsonb)) LOOP
        SELECT coalesce(array_agg(x::bigint), '{}')
        INTO ids
        FROM jsonb_array_elements_text(p_historie -> tabel) x;
        EXECUTE format('DELETE FROM public.%I WHERE pgh_id = ANY($1)', tabel) USING ids;
        GET DIAGNOSTICS aantal = ROW_COUNT;
        totaal := totaal + aantal;
    END LOOP;

    DELETE FROM public.core_toegangslog
    WHERE persoon_id = p_persoon_id OR persoon_uuid = p_persoon_uuid;
    GET DIAGNOSTICS aantal = ROW_COUNT;
    RETURN totaal + aantal;
END;
$$;
"""

WEG = "DROP FUNCTION IF EXISTS koers_persoon_wissen(bigint, uuid, jsonb);"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_geweigerde_toegang"),
        ("statushouders", "0008_avg_inzage_en_bewaartermijn"),
    ]

    operations = [migrations.RunSQL(FUNCTIE, WEG)]
