-- The search index of one-word searches: Lexeemtelling (how many published items hold a
-- lexeme) and Lexeemrang (each item's score for each lexeme of its titel and
-- samenvatting), kept current by triggers on the items table in the same transaction
-- as every write.

-- A lexeme as a tsquery of that one lexeme (quotes and backslashes escaped).
CREATE FUNCTION kennisbank_lexeem_als_tsquery(lexeem text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN ('''' || replace(replace(lexeem, '\', '\\'), '''', '''''') || '''')::tsquery;

-- The two statements that bring both tables up to date for the published items that
-- leave (weg) and enter (erbij) the index, each given as a SELECT of id, publiek,
-- zoekvector and rangvector. Rank rows are replaced whole per item (removed by the first
-- statement, so the second may add them again); counts change by the
-- difference, in lexeme order, so concurrent writers lock rows in the same order. The
-- empty lexeme counts the items themselves. The score is the one selectors._score gives
-- a search for that one word: its tier (20 in the title, 10 in the summary), plus
-- ts_rank on the ranking vector, plus 0.01.
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
        ORDER BY lexeem
        ON CONFLICT (lexeem) DO UPDATE SET
            openbaar = t.openbaar + excluded.openbaar,
            gepubliceerd = t.gepubliceerd + excluded.gepubliceerd,
            openbaar_rang = t.openbaar_rang + excluded.openbaar_rang,
            gepubliceerd_rang = t.gepubliceerd_rang + excluded.gepubliceerd_rang
        $opdracht$, weg, erbij)];

CREATE FUNCTION kennisbank_zoekindex_bijwerken() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE
    geen CONSTANT text := 'SELECT NULL::integer AS id, NULL::boolean AS publiek,'
        ' NULL::tsvector AS zoekvector, NULL::tsvector AS rangvector WHERE false';
    veranderd CONSTANT text := ' (o.status, o.publiek, o.zoekvector, o.rangvector)'
        ' IS DISTINCT FROM (n.status, n.publiek, n.zoekvector, n.rangvector)';
    opdrachten text[];
    opdracht text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM kennisbank_lexeemrang;
        DELETE FROM kennisbank_lexeemtelling;
    ELSIF TG_OP = 'DELETE' THEN
        opdrachten := kennisbank_zoekindex_opdrachten(
            'SELECT id, publiek, zoekvector, rangvector FROM oud'
            ' WHERE status = ''gepubliceerd''', geen);
    ELSIF TG_OP = 'INSERT' THEN
        opdrachten := kennisbank_zoekindex_opdrachten(
            geen, 'SELECT id, publiek, zoekvector, rangvector FROM nieuw'
            ' WHERE status = ''gepubliceerd''');
    ELSE
        opdrachten := kennisbank_zoekindex_opdrachten(
            'SELECT o.id, o.publiek, o.zoekvector, o.rangvector FROM oud o'
            ' JOIN nieuw n ON n.id = o.id WHERE o.status = ''gepubliceerd'' AND' || veranderd,
            'SELECT n.id, n.publiek, n.zoekvector, n.rangvector FROM oud o'
            ' JOIN nieuw n ON n.id = o.id WHERE n.status = ''gepubliceerd'' AND' || veranderd);
    END IF;
    FOREACH opdracht IN ARRAY coalesce(opdrachten, '{}') LOOP
        EXECUTE opdracht;
    END LOOP;
    RETURN NULL;
END
$f$;

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

-- The items already there.
DO $vullen$
DECLARE
    opdracht text;
BEGIN
    FOREACH opdracht IN ARRAY kennisbank_zoekindex_opdrachten(
        'SELECT NULL::integer AS id, NULL::boolean AS publiek, NULL::tsvector AS zoekvector,'
        ' NULL::tsvector AS rangvector WHERE false',
        'SELECT id, publiek, zoekvector, rangvector FROM kennisbank_kennisitem'
        ' WHERE status = ''gepubliceerd''') LOOP
        EXECUTE opdracht;
    END LOOP;
END $vullen$;
