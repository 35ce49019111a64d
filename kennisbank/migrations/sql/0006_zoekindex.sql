-- The search index of one-word searches: Lexeemtelling (how many published items hold a
-- lexeme), Lexeemfacet (how many of those have each facet option) and Lexeemrang (each
-- published item's score for each lexeme of its titel and samenvatting), kept current
-- by triggers on the items table and its sector links, in the same transaction as
-- every write.

-- A lexeme as a tsquery of that one lexeme (quotes and backslashes escaped).
CREATE FUNCTION kennisbank_lexeem_als_tsquery(lexeem text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ('''' || replace(replace(lexeem, '\', '\\'), '''', '''''') || '''')::tsquery;

-- The statements that bring the tables up to date for the published items that leave
-- (weg) and enter (erbij) the index, each given as a SELECT of id, publiek, zoekvector,
-- rangvector, type, regio_id, doelgroepen and bewijsstukken:
-- 1. an item's rank rows are removed whole (so that 2 may add them again);
-- 2. its rank rows are added, and the counts change by the difference. The empty
--    lexeme counts the items themselves. The score is the one selectors._score gives a
--    search for that one word: its tier (20 in the title, 10 in the summary), plus
--    ts_rank on the ranking vector, plus 0.01, added in that order;
-- 3. the facet counts change by the difference: per lexeme, per option of type, regio
--    ('' for none), doelgroep, bewijsstuk and sector (the item's current links; links
--    made or removed later are counted by kennisbank_zoekindex_sectoren);
-- 4. counts that reached zero are removed.
CREATE FUNCTION kennisbank_zoekindex_opdrachten(weg text, erbij text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY[
        format('DELETE FROM kennisbank_lexeemrang r USING (%s) weg WHERE r.item_id = weg.id', weg),
        format($opdracht$
        WITH weg AS MATERIALIZED (%s), erbij AS MATERIALIZED (%s),
        geplaatst AS (
            INSERT INTO kennisbank_lexeemrang (item_id, lexeem, score, publiek)
            SELECT e.id, w.lexeme,
                   (CASE WHEN 'A' = ANY (w.weights) THEN 20.0 ELSE 10.0 END)::float8
                   + ts_rank(e.rangvector, kennisbank_lexeem_als_tsquery(w.lexeme))::float8
                   + 0.01::float8,
                   e.publiek
            FROM erbij e CROSS JOIN LATERAL unnest(e.rangvector) w),
        verschil AS (
            SELECT l.lexeem,
                   coalesce(sum(x.teken) FILTER (WHERE x.publiek AND NOT l.rang), 0) AS a,
                   coalesce(sum(x.teken) FILTER (WHERE NOT l.rang), 0) AS b,
                   coalesce(sum(x.teken) FILTER (WHERE x.publiek AND l.rang), 0) AS c,
                   coalesce(sum(x.teken) FILTER (WHERE l.rang), 0) AS d
            FROM (SELECT -1 AS teken, * FROM weg UNION ALL SELECT 1, * FROM erbij) x
            CROSS JOIN LATERAL (
                SELECT '', false
                UNION ALL SELECT v, false FROM unnest(tsvector_to_array(x.zoekvector)) v
                UNION ALL SELECT v, true FROM unnest(tsvector_to_array(x.rangvector)) v
            ) AS l (lexeem, rang)
            GROUP BY l.lexeem)
        INSERT INTO kennisbank_lexeemtelling AS t
            (lexeem, openbaar, gepubliceerd, openbaar_rang, gepubliceerd_rang)
        SELECT lexeem, a, b, c, d FROM verschil
        WHERE (a, b, c, d) <> (0, 0, 0, 0)
        ON CONFLICT (lexeem) DO UPDATE SET
            openbaar = t.openbaar + excluded.openbaar,
            gepubliceerd = t.gepubliceerd + excluded.gepubliceerd,
            openbaar_rang = t.openbaar_rang + excluded.openbaar_rang,
            gepubliceerd_rang = t.gepubliceerd_rang + excluded.gepubliceerd_rang
        $opdracht$, weg, erbij),
        format($opdracht$
        WITH x AS MATERIALIZED (
            SELECT -1 AS teken, * FROM (%s) weg UNION ALL SELECT 1, * FROM (%s) erbij),
        verschil AS (
            SELECT v AS lexeem, o.facet, o.optie,
                   coalesce(sum(x.teken) FILTER (WHERE x.publiek), 0) AS a,
                   sum(x.teken) AS b
            FROM x CROSS JOIN LATERAL (
                SELECT 'type', x.type::text
                UNION ALL SELECT 'regio', coalesce(x.regio_id::text, '')
                UNION ALL (SELECT DISTINCT 'doelgroep', d::text
                           FROM unnest(x.doelgroepen) d WHERE d IS NOT NULL)
                UNION ALL (SELECT DISTINCT 'bewijsstuk', b::text
                           FROM unnest(x.bewijsstukken) b WHERE b IS NOT NULL)
                UNION ALL SELECT 'sector', s.sector_id::text
                    FROM kennisbank_kennisitem_sectoren s WHERE s.kennisitem_id = x.id
            ) AS o (facet, optie)
            CROSS JOIN LATERAL unnest(tsvector_to_array(x.zoekvector)) v
            GROUP BY 1, 2, 3)
        INSERT INTO kennisbank_lexeemfacet AS t (lexeem, facet, optie, openbaar, gepubliceerd)
        SELECT lexeem, facet, optie, a, b FROM verschil WHERE (a, b) <> (0, 0)
        ON CONFLICT (lexeem, facet, optie) DO UPDATE SET
            openbaar = t.openbaar + excluded.openbaar,
            gepubliceerd = t.gepubliceerd + excluded.gepubliceerd
        $opdracht$, weg, erbij),
        'DELETE FROM kennisbank_lexeemtelling WHERE gepubliceerd = 0',
        'DELETE FROM kennisbank_lexeemfacet WHERE gepubliceerd = 0'];

-- Writers of items and their sector links take turns: each waits here for the others'
-- transactions to end, before it locks any row. Two transactions that each write
-- several items would otherwise take the shared count rows in different orders and
-- could deadlock. Every statement that writes items or links takes its turn (the
-- BEFORE statement triggers below); code that locks items before writing them takes
-- it before that (kennisbank.services._vergrendelen).
CREATE FUNCTION kennisbank_zoekindex_beurt() RETURNS void LANGUAGE sql
    RETURN pg_advisory_xact_lock(hashtextextended('kennisbank_zoekindex', 0));

CREATE FUNCTION kennisbank_zoekindex_wachten() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    PERFORM kennisbank_zoekindex_beurt();
    RETURN NULL;
END
$f$;

CREATE FUNCTION kennisbank_zoekindex_bijwerken() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
    geen CONSTANT text := 'SELECT NULL::bigint AS id, NULL::boolean AS publiek,'
        ' NULL::tsvector AS zoekvector, NULL::tsvector AS rangvector, NULL::text AS type,'
        ' NULL::bigint AS regio_id, NULL::text[] AS doelgroepen,'
        ' NULL::text[] AS bewijsstukken WHERE false';
    kolommen CONSTANT text := 'SELECT id, publiek, zoekvector, rangvector, type, regio_id,'
        ' doelgroepen, bewijsstukken FROM ';
    -- A row of one transition table that the other holds unchanged (same id, same
    -- search text, visibility and facet columns) changes nothing; any other leaves or
    -- enters.
    zonder CONSTANT text := ' WHERE %1$s.status = ''gepubliceerd'' AND NOT EXISTS ('
        'SELECT FROM %2$s WHERE %2$s.id = %1$s.id AND (%2$s.status, %2$s.publiek,'
        ' %2$s.zoekvector, %2$s.rangvector, %2$s.type, %2$s.regio_id, %2$s.doelgroepen,'
        ' %2$s.bewijsstukken) IS NOT DISTINCT FROM (%1$s.status, %1$s.publiek,'
        ' %1$s.zoekvector, %1$s.rangvector, %1$s.type, %1$s.regio_id, %1$s.doelgroepen,'
        ' %1$s.bewijsstukken))';
    opdrachten text[];
    opdracht text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM kennisbank_lexeemrang;
        DELETE FROM kennisbank_lexeemfacet;
        DELETE FROM kennisbank_lexeemtelling;
    ELSIF TG_OP = 'DELETE' THEN
        opdrachten := kennisbank_zoekindex_opdrachten(
            kolommen || 'oud WHERE status = ''gepubliceerd''', geen);
    ELSIF TG_OP = 'INSERT' THEN
        opdrachten := kennisbank_zoekindex_opdrachten(
            geen, kolommen || 'nieuw WHERE status = ''gepubliceerd''');
    ELSE
        opdrachten := kennisbank_zoekindex_opdrachten(
            kolommen || 'oud' || format(zonder, 'oud', 'nieuw'),
            kolommen || 'nieuw' || format(zonder, 'nieuw', 'oud'));
    END IF;
    FOREACH opdracht IN ARRAY coalesce(opdrachten, '{}') LOOP
        EXECUTE opdracht;
    END LOOP;
    RETURN NULL;
END
$f$;

-- A published item's sector links made or removed: its lexemes' sector counts follow.
CREATE FUNCTION kennisbank_zoekindex_sectoren() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
    geen CONSTANT text := 'SELECT NULL::bigint AS kennisitem_id, NULL::bigint AS sector_id'
        ' WHERE false';
    weg text := geen;
    erbij text := geen;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM kennisbank_lexeemfacet WHERE facet = 'sector';
        RETURN NULL;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        weg := 'SELECT kennisitem_id, sector_id FROM oud';
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        erbij := 'SELECT kennisitem_id, sector_id FROM nieuw';
    END IF;
    EXECUTE format($opdracht$
        WITH verschil AS (
            SELECT v AS lexeem, l.sector_id::text AS optie,
                   coalesce(sum(l.teken) FILTER (WHERE k.publiek), 0) AS a,
                   sum(l.teken) AS b
            FROM (SELECT -1 AS teken, * FROM (%s) weg UNION ALL SELECT 1, * FROM (%s) erbij) l
            JOIN kennisbank_kennisitem k
                ON k.id = l.kennisitem_id AND k.status = 'gepubliceerd'
            CROSS JOIN LATERAL unnest(tsvector_to_array(k.zoekvector)) v
            GROUP BY 1, 2)
        INSERT INTO kennisbank_lexeemfacet AS t (lexeem, facet, optie, openbaar, gepubliceerd)
        SELECT lexeem, 'sector', optie, a, b FROM verschil WHERE (a, b) <> (0, 0)
        ON CONFLICT (lexeem, facet, optie) DO UPDATE SET
            openbaar = t.openbaar + excluded.openbaar,
            gepubliceerd = t.gepubliceerd + excluded.gepubliceerd
    $opdracht$, weg, erbij);
    DELETE FROM kennisbank_lexeemfacet WHERE gepubliceerd = 0;
    RETURN NULL;
END
$f$;

CREATE TRIGGER kennisitem_zoekindex_wachten
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON kennisbank_kennisitem
    FOR EACH STATEMENT EXECUTE FUNCTION kennisbank_zoekindex_wachten();
CREATE TRIGGER kennisitem_zoekindex_toevoegen AFTER INSERT ON kennisbank_kennisitem
    REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION kennisbank_zoekindex_bijwerken();
CREATE TRIGGER kennisitem_zoekindex_wijzigen AFTER UPDATE ON kennisbank_kennisitem
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION kennisbank_zoekindex_bijwerken();
CREATE TRIGGER kennisitem_zoekindex_verwijderen AFTER DELETE ON kennisbank_kennisitem
    REFERENCING OLD TABLE AS oud
    FOR EACH STATEMENT EXECUTE FUNCTION kennisbank_zoekindex_bijwerken();
CREATE TRIGGER kennisitem_zoekindex_legen AFTER TRUNCATE ON kennisbank_kennisitem
    FOR EACH STATEMENT EXECUTE FUNCTION kennisbank_zoekindex_bijwerken();
CREATE TRIGGER sectoren_zoekindex_wachten
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON kennisbank_kennisitem_sectoren
    FOR EACH STATEMENT EXECUTE FUNCTION kennisbank_zoekindex_wachten();
CREATE TRIGGER sectoren_zoekindex_toevoegen AFTER INSERT ON kennisbank_kennisitem_sectoren
    REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION kennisbank_zoekindex_sectoren();
CREATE TRIGGER sectoren_zoekindex_wijzigen AFTER UPDATE ON kennisbank_kennisitem_sectoren
    REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION kennisbank_zoekindex_sectoren();
CREATE TRIGGER sectoren_zoekindex_verwijderen AFTER DELETE ON kennisbank_kennisitem_sectoren
    REFERENCING OLD TABLE AS oud
    FOR EACH STATEMENT EXECUTE FUNCTION kennisbank_zoekindex_sectoren();
CREATE TRIGGER sectoren_zoekindex_legen AFTER TRUNCATE ON kennisbank_kennisitem_sectoren
    FOR EACH STATEMENT EXECUTE FUNCTION kennisbank_zoekindex_sectoren();

-- The items already there.
DO $vullen$
DECLARE
    opdracht text;
BEGIN
    FOREACH opdracht IN ARRAY kennisbank_zoekindex_opdrachten(
        'SELECT NULL::bigint AS id, NULL::boolean AS publiek, NULL::tsvector AS zoekvector,'
        ' NULL::tsvector AS rangvector, NULL::text AS type, NULL::bigint AS regio_id,'
        ' NULL::text[] AS doelgroepen, NULL::text[] AS bewijsstukken WHERE false',
        'SELECT id, publiek, zoekvector, rangvector, type, regio_id, doelgroepen,'
        ' bewijsstukken FROM kennisbank_kennisitem WHERE status = ''gepubliceerd''') LOOP
        EXECUTE opdracht;
    END LOOP;
END $vullen$;
