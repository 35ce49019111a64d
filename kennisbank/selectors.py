"""Reads of the kennisbank app: what a visitor may see, lists, details, facets, search."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django import forms
from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Count,
    FloatField,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kennisbank.filters import LANDELIJK, KennisitemFilterSet, ZoekFilterSet
from kennisbank.inhoud import markdown_naar_platte_tekst
from kennisbank.models import (
    TITELVECTOR,
    ZOEKCONFIG,
    Instrument,
    Kennisitem,
    Lexeemfacet,
    Lexeemrang,
    Lexeemtelling,
    Materiaal,
    Praktijkvoorbeeld,
    Publicatiestatus,
)
from portal import permissions
from portal.models import Regio, Sector

PER_PAGINA = 20
MAX_ZOEKTERM = 200


def zichtbare_items(gebruiker, model: type[Kennisitem] = Kennisitem) -> QuerySet:
    """The one rule for reading: published items; non-public ones only for logged-in users."""
    qs = model.objects.filter(status=Publicatiestatus.GEPUBLICEERD)
    if not permissions.mag_niet_openbare_inhoud_zien(gebruiker):
        qs = qs.filter(publiek=True)
    return qs


def kiesbare_instrumenten(gebruiker) -> QuerySet[Instrument]:
    """The instruments an editor may pick to link to (from a praktijkvoorbeeld, a person):
    those they can read on the site, and their own regions' ones in any status. Another
    region's draft stays out of the list, title and all."""
    if permissions.mag_alle_regios_beheren(gebruiker):
        return Instrument.objects.order_by("titel")
    eigen = Instrument.objects.filter(regio__in=permissions.beheerbare_regio_ids(gebruiker))
    return (zichtbare_items(gebruiker, Instrument) | eigen).order_by("titel")


def _voor_lijst(qs: QuerySet) -> QuerySet:
    return qs.select_related("regio").prefetch_related("sectoren")


def instrumenten(gebruiker) -> QuerySet:
    return _voor_lijst(zichtbare_items(gebruiker, Instrument))


def praktijkvoorbeelden(gebruiker) -> QuerySet:
    return _voor_lijst(zichtbare_items(gebruiker, Praktijkvoorbeeld))


def materialen(gebruiker) -> QuerySet:
    return _voor_lijst(zichtbare_items(gebruiker, Materiaal))


def _detail(gebruiker, model: type[Kennisitem], slug: str, voorbeeld: bool, *prefetch):
    """One item for its page. With ``voorbeeld`` an editor who may keep the item's region
    also sees it unpublished (a preview from the admin); everyone else gets 404 as usual."""
    if voorbeeld:
        item = _voor_lijst(model.objects.all()).prefetch_related(*prefetch).filter(slug=slug)
        item = item.first()
        if item is not None:
            regio_ids = {item.regio_id} if item.regio_id else set()
            if permissions.mag_regio_inhoud_beheren(gebruiker, regio_ids):
                return item
    qs = _voor_lijst(zichtbare_items(gebruiker, model)).prefetch_related(*prefetch)
    return get_object_or_404(qs, slug=slug)


def instrument_detail(gebruiker, slug: str, *, voorbeeld: bool = False) -> Instrument:
    voorbeelden = _voor_lijst(zichtbare_items(gebruiker, Praktijkvoorbeeld)).order_by("-jaar")
    return _detail(
        gebruiker,
        Instrument,
        slug,
        voorbeeld,
        "stappen",
        Prefetch("praktijkvoorbeelden", queryset=voorbeelden),
    )


def praktijkvoorbeeld_detail(gebruiker, slug: str, *, voorbeeld: bool = False) -> Praktijkvoorbeeld:
    gebruikt = zichtbare_items(gebruiker, Instrument).order_by("titel")
    return _detail(
        gebruiker, Praktijkvoorbeeld, slug, voorbeeld, Prefetch("instrumenten", queryset=gebruikt)
    )


def materiaal_detail(gebruiker, slug: str, *, voorbeeld: bool = False) -> Materiaal:
    return _detail(gebruiker, Materiaal, slug, voorbeeld)


def verwante_items(gebruiker, item: Kennisitem, aantal: int = 5) -> list[Kennisitem]:
    """Other visible items that share a sector (or, for sectorless items, a bewijsstuk
    or doelgroep), most overlap first."""
    sector_ids = [s.pk for s in item.sectoren.all()]
    qs = zichtbare_items(gebruiker).exclude(pk=item.pk)
    if sector_ids:
        qs = qs.filter(sectoren__in=sector_ids).annotate(
            overlap=Count("sectoren", filter=Q(sectoren__in=sector_ids))
        )
    elif item.bewijsstukken or item.doelgroepen:
        qs = qs.filter(
            Q(bewijsstukken__overlap=item.bewijsstukken or ["-"])
            | Q(doelgroepen__overlap=item.doelgroepen or ["-"])
        ).annotate(overlap=Value(1))
    else:
        return []
    return list(qs.order_by("-overlap", "-gepubliceerd_op", "id")[:aantal])


def nieuw_gepubliceerd(aantal: int = 30) -> QuerySet:
    """The newest published public items, for the Atom feed (feeds are not personal)."""
    return (
        Kennisitem.objects.filter(status=Publicatiestatus.GEPUBLICEERD, publiek=True)
        .exclude(gepubliceerd_op=None)
        .order_by("-gepubliceerd_op", "-id")[:aantal]
    )


def openbare_items(model: type[Kennisitem]) -> QuerySet:
    """Published public items of one type, for the sitemap."""
    return model.objects.filter(status=Publicatiestatus.GEPUBLICEERD, publiek=True).order_by("id")


def overzicht(gebruiker) -> dict:
    """Counts and the newest items for the kennisbank's front page."""
    vandaag = timezone.localdate()
    tellingen = zichtbare_items(gebruiker).aggregate(
        instrumenten=Count("pk", filter=Q(type="instrument")),
        praktijkvoorbeelden=Count("pk", filter=Q(type="praktijkvoorbeeld")),
        materialen=Count("pk", filter=Q(type="materiaal")),
        beeindigd=Count("pk", filter=Q(instrument__geldig_tot__lt=vandaag)),
    )
    nieuwste = zichtbare_items(gebruiker).order_by("-gepubliceerd_op", "-id")[:6]
    return {"tellingen": tellingen, "nieuwste": list(nieuwste)}


def export_items() -> list[Kennisitem]:
    """Every item of every type and status, as ``uitwisseling.item_naar_regel`` needs them."""
    items: list[Kennisitem] = []
    for model, extra in (
        (Instrument, ("stappen",)),
        (Praktijkvoorbeeld, ("instrumenten",)),
        (Materiaal, ()),
    ):
        qs = model.objects.select_related("regio").prefetch_related("sectoren", *extra)
        items.extend(qs.order_by("slug"))
    return items


# --- facets -------------------------------------------------------------------------


# How each facet is counted in facetten_tellen: the column it needs from the matching
# rows (None: only the id) and the SQL that groups them; {m} is the CTE of those rows.
_FACETKOLOMMEN = {
    "type": "type",
    "soort": "soort",
    "regio": "regio_id",
    "doelgroep": "doelgroepen",
    "bewijsstuk": "bewijsstukken",
    "publiek_voor": "publiek_voor",
    "geldigheid": "geldig_tot",
    "sector": None,
}


def _facet_sql(naam: str) -> tuple[str, list]:
    kolom = f"m.{naam}"
    if naam in ("type", "soort"):
        return f"SELECT %s, {kolom}::text, count(*) FROM m WHERE {kolom} IS NOT NULL GROUP BY 2", []
    # The rows are grouped by the facet's column first, and the few groups are unnested
    # or joined: unnesting or joining every matching row costs far more.
    if naam in ("doelgroep", "bewijsstuk", "publiek_voor"):
        return (
            f"SELECT %s, w, sum(g.n)::bigint"
            f" FROM (SELECT {kolom} AS x, count(*) AS n FROM m GROUP BY 1) g,"
            " unnest(ARRAY(SELECT DISTINCT unnest(g.x))) AS w GROUP BY 2",
            [],
        )
    if naam == "regio":
        return (
            f"SELECT %s, coalesce(r.slug, %s), sum(g.n)::bigint"
            f" FROM (SELECT {kolom}, count(*) AS n FROM m GROUP BY 1) g"
            f" LEFT JOIN {Regio._meta.db_table} r ON r.id = g.regio GROUP BY 2",
            [LANDELIJK],
        )
    if naam == "geldigheid":
        return (
            "SELECT %s, CASE WHEN g.geldigheid < %s THEN 'beeindigd' ELSE 'actueel' END,"
            " sum(g.n)::bigint FROM (SELECT m.geldigheid, count(*) AS n FROM m GROUP BY 1) g"
            " GROUP BY 2",
            [timezone.localdate()],
        )
    koppeling = Kennisitem.sectoren.through._meta.db_table
    return (
        f"SELECT %s, s.slug, count(DISTINCT m.id) FROM m"
        f" JOIN {koppeling} k ON k.kennisitem_id = m.id"
        f" JOIN {Sector._meta.db_table} s ON s.id = k.sector_id GROUP BY 2",
        [],
    )


def _tel_samen(
    basis: QuerySet, namen: list[str], totaal: tuple[str, list] | None = None
) -> dict[str, dict[str, int]]:
    """Counts the options of several facets over the same rows in one query: the rows once
    in a CTE, then one GROUP BY per facet. With ``totaal`` (an SQL expression and its
    parameters) also the number of rows, under the name "", with that expression's
    value as its option."""
    velden = [_FACETKOLOMMEN[n] for n in namen if _FACETKOLOMMEN[n]]
    rijen_sql, rijen_params = basis.order_by().values_list("pk", *velden).query.sql_with_params()
    kolommen = ", ".join(["id", *(n for n in namen if _FACETKOLOMMEN[n])])
    delen, params = [], list(rijen_params)
    for naam in namen:
        sql, extra = _facet_sql(naam)
        delen.append(sql)
        params += [naam, *extra]
    if totaal is not None:
        namen = [*namen, ""]
        delen.append(f"SELECT %s, {totaal[0]}, count(*) FROM m")
        params += ["", *totaal[1]]
    sql = f"WITH m ({kolommen}) AS MATERIALIZED ({rijen_sql}) " + " UNION ALL ".join(delen)
    resultaat: dict[str, dict[str, int]] = {naam: {} for naam in namen}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for naam, waarde, aantal in cursor.fetchall():
            resultaat[naam][waarde] = aantal
    return resultaat


def _zelf_gekozen(filterset: KennisitemFilterSet) -> list[str]:
    data = filterset.data if filterset.data is not None else {}
    return [naam for naam in filterset.facetten if data.get(naam)]


def facetten_tellen(filterset: KennisitemFilterSet) -> dict[str, dict[str, int]]:
    """For each facet, how many items each option would give with the other filters as
    they are (so options of one facet can be combined). Facets whose own filter is not
    set share the same rows and are counted together in one query; each facet that is
    set needs its own."""
    data = filterset.data.copy() if filterset.data is not None else {}
    zelf_gekozen = _zelf_gekozen(filterset)
    groepen = [[naam for naam in filterset.facetten if naam not in zelf_gekozen]]
    groepen += [[naam] for naam in zelf_gekozen]
    resultaat = {}
    for namen in groepen:
        if not namen:
            continue
        zonder = data.copy()
        for naam in namen:
            zonder.pop(naam, None)
        ander = type(filterset)(zonder, queryset=filterset.queryset, keuzes=filterset.keuzes)
        resultaat.update(_tel_samen(ander.qs, namen))
    return resultaat


@dataclass
class Facetoptie:
    waarde: str
    label: str
    aantal: int
    gekozen: bool


@dataclass
class Facet:
    naam: str
    label: str
    opties: list[Facetoptie] = field(default_factory=list)
    # One choice at a time (radio buttons, with "Alle" to undo it) rather than several.
    enkelvoudig: bool = False

    @property
    def niets_gekozen(self) -> bool:
        return not any(optie.gekozen for optie in self.opties)


def facetten(filterset: KennisitemFilterSet, tellingen: dict | None = None) -> list[Facet]:
    """The facets with their options in vocabulary order. Options with no items are left
    out unless chosen; a facet of one choice keeps them all, so its few choices stay put.
    ``tellingen``: the counts when already made (see facetten_tellen)."""
    if tellingen is None:
        tellingen = facetten_tellen(filterset)
    filterset.is_valid()
    gekozen_per_facet = filterset.form.cleaned_data if filterset.is_bound else {}
    lijst = []
    for naam in filterset.facetten:
        veld = filterset.form.fields[naam]
        gekozen = gekozen_per_facet.get(naam) or []
        gekozen = {gekozen} if isinstance(gekozen, str) else set(gekozen)
        enkelvoudig = not isinstance(veld, forms.MultipleChoiceField)
        facet = Facet(naam=naam, label=str(veld.label), enkelvoudig=enkelvoudig)
        for waarde, label in veld.choices:
            if waarde in ("", None):
                continue
            aantal = tellingen[naam].get(waarde, 0) or 0
            if aantal or enkelvoudig or waarde in gekozen:
                facet.opties.append(Facetoptie(waarde, str(label), aantal, waarde in gekozen))
        lijst.append(facet)
    return lijst


# --- search ---------------------------------------------------------------------------

_STUURTEKENS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WOORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_OPERATOREN = {"or", "and", "not"}
_MARK_BEGIN, _MARK_EIND = "\ue000", "\ue001"  # private-use characters never in content


def zoekterm_opschonen(tekst: str | None) -> tuple[str, bool]:
    """Control characters become spaces, runs of space one, and at most 200 characters
    are kept. Returns the cleaned query and whether it was cut short."""
    tekst = _STUURTEKENS.sub(" ", tekst or "")
    tekst = re.sub(r"\s+", " ", tekst).strip()
    return tekst[:MAX_ZOEKTERM].strip(), len(tekst) > MAX_ZOEKTERM


def _zonder_accenten(woord: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", woord) if not unicodedata.combining(c)
    ).casefold()


@dataclass
class Treffer:
    item: Kennisitem
    score: float
    fragment: str  # safe HTML: escaped text with <mark> around hits
    beeindigd: bool = False
    geldig_tot: object = None


@dataclass
class Zoekresultaten:
    zoekterm: str
    ingekort: bool
    aantal: int
    pagina: Page | None
    treffers: list[Treffer]
    suggestie: str | None
    facetten: list[Facet]
    filterset: ZoekFilterSet

    @property
    def ongeldige_filters(self) -> list[str]:
        return self.filterset.foutmeldingen() if self.filterset.is_bound else []


def _fragment(ruw: str) -> str:
    tekst = html.escape(markdown_naar_platte_tekst(ruw))
    return tekst.replace(_MARK_BEGIN, "<mark>").replace(_MARK_EIND, "</mark>")


class _Tsquery(SearchQuery):
    """A tsquery as a scalar subquery: its text as a parameter, or SQL that makes it.

    The planner cannot look at the value, so it prices the match with its default
    selectivity and always uses the GIN index. With the value in view it picks a
    sequential scan for broad words, which unpacks every row's TOASTed search vector
    and is several times slower. (_indexpagina_lezen shows it the value on purpose
    where walking the primary key is the better plan.)
    """

    def __init__(self, tekst: str, sql: str = "(SELECT %s::tsquery)", params=None):
        super().__init__(tekst)
        self.sql = sql
        self.params = [tekst] if params is None else params

    def as_sql(self, compiler, connection, function=None, template=None):
        return self.sql, list(self.params)


# A lexeme in a tsquery's text ('' is a quote inside it), and its prefix mark.
_LEXEEM = re.compile(r"'((?:[^']|'')+)'(:\*)?")
_LEXEEM_SQL = "'((?:[^']|'')+)'"
_UITSLUITING = re.compile(r"(?:^|[^\w])-")  # a "-" that does not join two parts of a word

# A query that finds fewer items than this is widened with prefixes (see _met_prefixen).
VERBREDEN_ONDER = PER_PAGINA
# Added to every match's score: all rows the index finds match somewhere, also those that
# match only in the text, which the ranking vector (titel, samenvatting) does not hold.
SCORE_VOOR_TREFFER = 0.01
# Score step between the tiers: the title alone matches the query (2), title and
# summary together match it (1), or only the text does (0). ts_rank is at most 1, so the
# rest of the score (at most 2.01) never lifts an item above a higher tier.
TREDE = 10.0


def _met_prefixen(exact: str) -> str:
    """The query with every stemmed word of four letters or more also matching as a
    prefix. Dutch glues words together: "confectie" should find "confectiebedrijf"."""
    return _LEXEEM.sub(lambda m: f"'{m.group(1)}':*" if len(m.group(1)) >= 4 else m.group(0), exact)


@dataclass
class _Vraag:
    """A search query and the queries its ranking derives from it (see _score)."""

    zoek: _Tsquery
    # Every word restricted to weight A: in the ranking vector only the title has that
    # weight, so this matches exactly where the title alone matches.
    titel: _Tsquery
    # Any one of the words: the rows whose ranking vector can score at all.
    een_van: _Tsquery
    # The exact query, when this one is widened with prefixes.
    exact: _Tsquery | None
    # Whether the query may exclude a word ("-woord"): then a matching title does not
    # mean a matching item, and a title without any of the words can still match.
    uitsluiting: bool

    @classmethod
    def uit_tekst(cls, vraag: str, exact: str) -> _Vraag:
        return cls(
            zoek=_Tsquery(vraag),
            titel=_Tsquery(
                _LEXEEM.sub(lambda m: f"'{m.group(1)}':{'*' if m.group(2) else ''}A", vraag)
            ),
            een_van=_Tsquery(" | ".join(m.group(0) for m in _LEXEEM.finditer(vraag))),
            exact=_Tsquery(exact) if vraag != exact else None,
            uitsluiting="!" in vraag,
        )

    @classmethod
    def websearch(cls, zoekterm: str) -> _Vraag:
        """The visitor's words parsed inside the statement (the same derived queries as
        uit_tekst makes from the parsed text, made in SQL), so the first statement of a
        search needs no parsed text from an earlier one."""
        tsquery = "websearch_to_tsquery(%s::regconfig, %s)"
        params = [ZOEKCONFIG, zoekterm]
        return cls(
            zoek=_Tsquery(zoekterm, f"(SELECT {tsquery})", params),
            titel=_Tsquery(
                zoekterm,
                f"(SELECT regexp_replace({tsquery}::text, %s, %s, 'g')::tsquery)",
                [*params, _LEXEEM_SQL, r"'\1':A"],
            ),
            een_van=_Tsquery(
                zoekterm,
                f"(SELECT string_agg(m[1], ' | ')::tsquery"
                f" FROM regexp_matches({tsquery}::text, %s, 'g') AS m)",
                [*params, f"({_LEXEEM_SQL})"],
            ),
            exact=None,
            # websearch_to_tsquery excludes only words written with a "-" before them;
            # a hyphen inside a word ("mbo-certificaat") excludes nothing.
            uitsluiting=_UITSLUITING.search(zoekterm) is not None,
        )


def _score(vraag: _Vraag, *, titeltrede: bool = False) -> RawSQL:
    """The relevance of a match: its tier (see TREDE), then ts_rank on the short
    titel/samenvatting vector. A widened query adds the rank of the exact query, so
    exact matches stay first. Rows whose ranking vector holds none of the query's words
    score SCORE_VOOR_TREFFER without computing the rest (all of it would be 0); that
    shortcut does not hold for a query that excludes a word, so those compute it all.

    With ``titeltrede`` the same score for rows known to be in the title tier (their
    title matches a query without an excluded word), with the tests left out.

    Written as SQL (for the item table itself, never a joined one): the same expression
    built from ORM parts cost more time to compile than the database needs to run it."""
    rang = f'"{Kennisitem._meta.db_table}"."rangvector"'
    rank = f"ts_rank({rang}, {vraag.zoek.sql})::float8 + {SCORE_VOOR_TREFFER}::float8"
    if titeltrede:
        sql, params = f"({2 * TREDE}::float8 + {rank}", list(vraag.zoek.params)
    else:
        sql = (
            f"(CASE WHEN {rang} @@ {vraag.titel.sql} THEN {2 * TREDE}::float8"
            f" WHEN {rang} @@ {vraag.zoek.sql} THEN {TREDE}::float8 ELSE 0::float8 END"
            f" + {rank}"
        )
        params = [*vraag.titel.params, *vraag.zoek.params, *vraag.zoek.params]
    if vraag.exact is not None:
        sql += f" + ts_rank({rang}, {vraag.exact.sql})::float8"
        params += vraag.exact.params
    sql += ")"
    if not vraag.uitsluiting and not titeltrede:
        sql = (
            f"(CASE WHEN {rang} @@ {vraag.een_van.sql} THEN {sql}"
            f" ELSE {SCORE_VOOR_TREFFER}::float8 END)"
        )
        params = [*vraag.een_van.params, *params]
    return RawSQL(sql, params, output_field=FloatField())


def _sql(qs: QuerySet) -> tuple[str, list]:
    sql, params = qs.query.sql_with_params()
    return sql, list(params)


def _tellen(treffers_qs: QuerySet, extra_sql: str = "", extra_params=()) -> tuple:
    """One statement: ``extra_sql`` (columns that come before the count) and the exact
    number of rows of ``treffers_qs``."""
    sql, params = _sql(treffers_qs.order_by().values("pk"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {extra_sql}(SELECT count(*) FROM ({sql}) t)", [*extra_params, *params]
        )
        return cursor.fetchone()


def suggestie_zoeken(zoekterm: str) -> str | None:
    """A corrected query when some words are not in the vocabulary and a close one is:
    "bedoelde u ...?". One query, using the trigram index on the vocabulary."""
    woorden = [w for w in _WOORD.findall(zoekterm) if w.casefold() not in _OPERATOREN]
    kandidaten = sorted({_zonder_accenten(w) for w in woorden if len(w) >= 3})
    if not kandidaten:
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT q.woord,
                   EXISTS (SELECT 1 FROM kennisbank_zoekwoord z WHERE z.woord = q.woord),
                   (SELECT z.woord FROM kennisbank_zoekwoord z
                     WHERE z.woord %% q.woord
                     ORDER BY similarity(z.woord, q.woord) DESC, z.aantal DESC, z.woord
                     LIMIT 1)
            FROM unnest(%s::text[]) AS q(woord)
            """,
            [kandidaten],
        )
        vervangingen = {
            woord: beste for woord, bestaat, beste in cursor.fetchall() if not bestaat and beste
        }
    if not vervangingen:
        return None
    return _WOORD.sub(
        lambda m: vervangingen.get(_zonder_accenten(m.group(0)), m.group(0)), zoekterm
    )


# A query of one word: letters only, which nearly always parses to one lexeme or to none
# (_index_lezen checks).
_EEN_WOORD = re.compile(r"[^\W\d_]+")


@dataclass
class _Indexwoord:
    """A one-word query as the search index knows it (models.Lexeemtelling): its lexeme,
    the number of visible items that hold it, how many of those hold it in titel or
    samenvatting (the items Lexeemrang ranks), and the number of visible items."""

    lexeem: str
    aantal: int
    rang: int
    items: int


def _index_lezen(
    tsquery_sql: str, params: list, openbaar: bool, met_facetten: bool = False
) -> tuple[str, _Indexwoord | None, dict[str, dict[str, int]] | None]:
    """The text of the tsquery that ``tsquery_sql`` makes, what the search index holds
    for it when it is one plain lexeme (else None) and, ``met_facetten``, that lexeme's
    facet counts as facetten_tellen gives them (else None). One small statement."""
    aantal = "openbaar" if openbaar else "gepubliceerd"
    telling, facet = Lexeemtelling._meta.db_table, Lexeemfacet._meta.db_table
    facetten_sql = "NULL"
    if met_facetten:
        facetten_sql = f"""(
            SELECT json_agg(json_build_array(f.facet, CASE f.facet
                WHEN 'regio' THEN coalesce(r.slug, %s) WHEN 'sector' THEN s.slug
                ELSE f.optie END, f.{aantal}))
            FROM {facet} f
            LEFT JOIN {Regio._meta.db_table} r
                ON r.id = CASE WHEN f.facet = 'regio' THEN nullif(f.optie, '')::bigint END
            LEFT JOIN {Sector._meta.db_table} s
                ON s.id = CASE WHEN f.facet = 'sector' THEN f.optie::bigint END
            WHERE f.lexeem = l.lexeem AND f.{aantal} > 0)"""
        params = [LANDELIJK, *params]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT v.q::text, l.lexeem, coalesce(z.{aantal}, 0), coalesce(z.{aantal}_rang, 0),
                   coalesce(a.{aantal}, 0), {facetten_sql}
            FROM (SELECT {tsquery_sql} AS q) v
            LEFT JOIN LATERAL (
                SELECT (tsvector_to_array(v.q::text::tsvector))[1] AS lexeem
                WHERE numnode(v.q) = 1
            ) l0 ON true
            LEFT JOIN LATERAL (
                SELECT l0.lexeem WHERE v.q = kennisbank_lexeem_als_tsquery(l0.lexeem)
            ) l ON true
            LEFT JOIN {telling} z ON z.lexeem = l.lexeem
            LEFT JOIN {telling} a ON a.lexeem = ''
            """,
            params,
        )
        tekst, lexeem, *tellingen, opties = cursor.fetchone()
    if lexeem is None:
        return tekst, None, None
    facetten = None
    if met_facetten:
        facetten = {naam: {} for naam in _FACETKOLOMMEN}
        for naam, waarde, n in opties or []:
            facetten[naam][waarde] = n
    return tekst, _Indexwoord(lexeem, *tellingen), facetten


# Below this many items scanned in id order, the items that match only in the text are
# read by walking the primary key; above it, through the GIN index and sorted.
_OP_VOLGORDE_TOT = 2000


def _indexpagina_lezen(
    woord: _Indexwoord, vraag: _Vraag, openbaar: bool, van: int, aantal: int
) -> list[Kennisitem]:
    """One page of a one-word search from the search index, in the order and with the
    scores of _pagina_lezen: first the items ranked in Lexeemrang (the word in titel or
    samenvatting), then the items that hold it only in the text, which all score
    SCORE_VOOR_TREFFER and so follow in id order."""
    if not aantal:
        return []
    tot = van + aantal
    delen, params = [], []
    if van < woord.rang:
        delen.append(
            f"(SELECT item_id AS id, score FROM {Lexeemrang._meta.db_table}"
            f" WHERE lexeem = %s{' AND publiek' if openbaar else ''}"
            f" ORDER BY score DESC, item_id"
            f" OFFSET {int(van)} LIMIT {int(min(tot, woord.rang) - van)})"
        )
        params.append(woord.lexeem)
    if tot > woord.rang:
        # Walking the primary key reads about (rows wanted) × items / matches rows; the
        # query's text in view lets the planner see that too. Otherwise the scalar
        # subquery keeps the match on the GIN index (see _Tsquery).
        rest = woord.aantal - woord.rang
        dicht = rest and (tot - woord.rang) * woord.items / rest <= _OP_VOLGORDE_TOT
        tsquery = "%s::tsquery" if dicht else vraag.zoek.sql
        zichtbaar = " AND k.publiek" if openbaar else ""
        overslaan = max(van, woord.rang) - woord.rang
        delen.append(
            f"(SELECT k.id, {SCORE_VOOR_TREFFER}::float8 AS score"
            f" FROM {Kennisitem._meta.db_table} k"
            f" WHERE k.status = %s{zichtbaar} AND k.zoekvector @@ {tsquery}"
            f" AND NOT k.rangvector @@ {tsquery}"
            f" ORDER BY k.id OFFSET {int(overslaan)} LIMIT {int(tot - woord.rang - overslaan)})"
        )
        params += [Publicatiestatus.GEPUBLICEERD, *vraag.zoek.params, *vraag.zoek.params]
    pagina_sql = f"SELECT id, score, NULL AS n FROM ({' UNION ALL '.join(delen)}) t"
    return _rijen(pagina_sql, params, vraag)[1]


def zoeken(
    *,
    gebruiker,
    zoekterm: str,
    filters=None,
    pagina: int | str | None = 1,
    per_pagina: int = PER_PAGINA,
    met_facetten: bool = True,
) -> Zoekresultaten:
    """Site-wide search over every visible item, one ranked list.

    Websearch syntax ("exacte woordgroep", -uitsluiten, or); Dutch stemming with accents
    folded; items whose title matches come first, then those whose title and summary
    match, then those that match in the text (see _score). Fragments with <mark> are
    made only for the rows on the page; a "bedoelde u" suggestion is looked up only when
    the query finds little.

    Without filters, a query of one plain word reads its count and facets from the search
    index (models.Lexeemtelling, Lexeemfacet) and its page from the ranked rows of
    models.Lexeemrang: two small statements however many items match. Any other query:
    with facets (the search page and the API), the facets and the count come first in
    one pass over the matches, then the page; without, the first page is one statement
    (query parsed, counted, ranked, rows and fragments). A query widened with prefixes
    runs once more; the suggestion is one more statement.
    """
    zoekterm, ingekort = zoekterm_opschonen(zoekterm)
    filterset = ZoekFilterSet(filters or {}, queryset=zichtbare_items(gebruiker))
    if not zoekterm:
        return Zoekresultaten(zoekterm, ingekort, 0, None, [], None, [], filterset)
    filterset.is_valid()

    def gevonden(tsquery: _Tsquery) -> QuerySet:
        filterset.queryset = zichtbare_items(gebruiker).filter(zoekvector=tsquery)
        return filterset.filter_queryset(filterset.queryset).order_by()

    def titeltreffers(tsquery: _Tsquery) -> QuerySet:
        titels = zichtbare_items(gebruiker).alias(titelvector=TITELVECTOR)
        return filterset.filter_queryset(titels.filter(titelvector=tsquery)).order_by()

    tekst_sql, tekst_params = (
        "websearch_to_tsquery(%s::regconfig, %s)::text",
        [ZOEKCONFIG, zoekterm],
    )
    eerste = _eerste_pagina(pagina)
    # Without filters, a query of one plain word reads its count, facets and page from
    # the search index (see _index_lezen); every other query counts and ranks its matches.
    openbaar = not permissions.mag_niet_openbare_inhoud_zien(gebruiker)
    ongefilterd = not any(filterset.form.cleaned_data.get(naam) for naam in filterset.filters)
    # Facets that no filter of their own restricts: counted together with the matches.
    samen_tellen = met_facetten and not _zelf_gekozen(filterset)
    tellingen, rijen, woord, aantal = None, None, None, None
    if ongefilterd and _EEN_WOORD.fullmatch(zoekterm) and zoekterm.casefold() not in _OPERATOREN:
        exact, woord, tellingen = _index_lezen(
            "websearch_to_tsquery(%s::regconfig, %s)",
            [ZOEKCONFIG, zoekterm],
            openbaar,
            samen_tellen,
        )
        if woord is not None:
            aantal = woord.aantal
        elif not exact.strip():  # a stop word
            aantal = 0
    if aantal is None and samen_tellen:
        # Every facet counts over exactly the matching rows: one pass over them gives
        # the facets, the count and the parsed query together.
        tellingen = _tel_samen(
            gevonden(_Vraag.websearch(zoekterm).zoek),
            list(filterset.facetten),
            (tekst_sql, tekst_params),
        )
        ((exact, aantal),) = tellingen.pop("").items() or [("", 0)]
    elif aantal is None and eerste:
        vraag = _Vraag.websearch(zoekterm)
        exact, rijen, aantal = _eerste_pagina_lezen(
            gevonden(vraag.zoek),
            titeltreffers(vraag.zoek),
            vraag,
            per_pagina,
            tekst_sql,
            tekst_params,
        )
    elif aantal is None:
        exact, aantal = _tellen(
            gevonden(_Vraag.websearch(zoekterm).zoek), tekst_sql + ", ", tekst_params
        )
    if not exact.strip():  # only stop words, or nothing searchable
        return Zoekresultaten(zoekterm, ingekort, 0, None, [], None, [], filterset)

    # The exact query first; only when it finds little, the prefixes widen it (exact
    # matches still rank higher: the score adds the rank of the exact query).
    verbreden = aantal < VERBREDEN_ONDER and _met_prefixen(exact) != exact
    vraag = _Vraag.uit_tekst(_met_prefixen(exact) if verbreden else exact, exact)
    if verbreden:
        tellingen, woord = None, None  # they were counted over the exact query's rows
        if eerste:  # few matches: rank and count them all in one pass
            _, rijen, aantal = _eerste_pagina_lezen(gevonden(vraag.zoek), None, vraag, per_pagina)
        else:
            (aantal,) = _tellen(gevonden(vraag.zoek))
    pagina_obj = Paginator(range(aantal), per_pagina).get_page(pagina)
    if rijen is None and woord is not None:
        rijen = _indexpagina_lezen(
            woord, vraag, openbaar, pagina_obj.start_index() - 1, len(pagina_obj.object_list)
        )
    elif rijen is None:
        rijen = _pagina_lezen(gevonden(vraag.zoek), titeltreffers(vraag.zoek), vraag, pagina_obj)
    if met_facetten and tellingen is None:
        gevonden(vraag.zoek)  # the facets below count over the matches

    suggestie = suggestie_zoeken(zoekterm) if aantal < 3 else None
    if suggestie and suggestie.casefold() == zoekterm.casefold():
        suggestie = None
    vandaag = timezone.localdate()
    return Zoekresultaten(
        zoekterm=zoekterm,
        ingekort=ingekort,
        aantal=aantal,
        pagina=pagina_obj,
        treffers=[
            Treffer(
                item=rij,
                score=round(float(rij.score), 4),
                fragment=_fragment(rij.fragment),
                beeindigd=bool(rij.geldig_tot and rij.geldig_tot < vandaag),
                geldig_tot=rij.geldig_tot,
            )
            for rij in rijen
        ],
        suggestie=suggestie,
        facetten=facetten(filterset, tellingen) if met_facetten and aantal else [],
        filterset=filterset,
    )


def _eerste_pagina(pagina) -> bool:
    """Whether ``pagina`` means the first page, as Paginator.get_page reads it (a value
    that is no whole number means the first page; one below 1 the last)."""
    try:
        return int(pagina) == 1 and not (isinstance(pagina, float) and not pagina.is_integer())
    except (TypeError, ValueError):
        return True


# The columns of an item that a hit shows and links to (not the long text and vectors).
_TREFFERVELDEN = [
    veld
    for veld in Kennisitem._meta.concrete_fields
    if veld.name not in ("inhoud", "inhoud_html", "zoekvector", "rangvector")
]
# ts_headline's options, as Django's SearchHeadline writes them.
_HEADLINE_OPTIES = (
    f"StartSel='{_MARK_BEGIN}', StopSel='{_MARK_EIND}', MaxWords=30, MinWords=12,"
    " MaxFragments=2, FragmentDelimiter=' … '"
)


def _rijen(pagina_sql: str, params: list, vraag: _Vraag, tekst_sql: str = "NULL", tekst_params=()):
    """The page's items in order, each with ``score``, ``aantal`` (the number of matches),
    ``geldig_tot`` and ``fragment``; and the value of ``tekst_sql``. ``pagina_sql`` gives
    the page's ids, scores and ``n``; around it one statement reads those rows and makes
    their fragments. It always returns the one row of ``tekst_sql``, also without hits."""
    kolommen = ", ".join(f"k.{veld.column}" for veld in _TREFFERVELDEN)
    tabel, instrumenten = Kennisitem._meta.db_table, Instrument._meta.db_table
    sql = f"""
        SELECT v.tekst, p.score, p.n, i.geldig_tot,
               ts_headline(%s::regconfig, k.samenvatting || E'\\n' || k.inhoud,
                           {vraag.zoek.sql}, %s),
               {kolommen}
        FROM (SELECT {tekst_sql} AS tekst) v
        LEFT JOIN (({pagina_sql}) p
            JOIN {tabel} k ON k.id = p.id
            LEFT JOIN {instrumenten} i ON i.kennisitem_ptr_id = k.id) ON true
        ORDER BY p.score DESC, p.id
    """
    velden = [veld.attname for veld in _TREFFERVELDEN]
    with connection.cursor() as cursor:
        cursor.execute(
            sql, [ZOEKCONFIG, *vraag.zoek.params, _HEADLINE_OPTIES, *tekst_params, *params]
        )
        rijen = cursor.fetchall()
    items = []
    for _, score, aantal, geldig_tot, fragment, *waarden in rijen:
        if score is None:  # no hits: only the row of tekst_sql
            continue
        item = Kennisitem.from_db(connection.alias, velden, waarden)
        item.score, item.aantal = score, aantal
        item.geldig_tot, item.fragment = geldig_tot, fragment
        items.append(item)
    return rijen[0][0], items


def _geordend(kandidaten: QuerySet, score: RawSQL) -> QuerySet:
    return kandidaten.annotate(score=score).order_by("-score", "id").values("id", "score")


def _pagina_lezen(
    treffers_qs: QuerySet, titeltreffers: QuerySet, vraag: _Vraag, pagina_obj: Page
) -> list[Kennisitem]:
    """The hits on one page (any page; the count is known), in order.

    The ranking is exact but rarely needs every match: when the title tier (found
    through the GIN index on the title vector) holds the whole page, only its rows are
    ranked; otherwise all matches are (see _score)."""
    gewenst = len(pagina_obj.object_list)
    if not gewenst:
        return []
    van = pagina_obj.start_index() - 1
    pogingen = [treffers_qs]
    if not vraag.uitsluiting and pagina_obj.paginator.count > gewenst:
        # Without an excluded word, a title that matches means the item matches.
        pogingen.insert(0, titeltreffers)
    for kandidaten in pogingen:
        score = _score(vraag, titeltrede=kandidaten is titeltreffers)
        sql, params = _sql(_geordend(kandidaten, score)[van : van + gewenst])
        _, rijen = _rijen(f"SELECT id, score, NULL AS n FROM ({sql}) g", params, vraag)
        if len(rijen) == gewenst:
            break
    return rijen


def _eerste_pagina_lezen(
    treffers_qs: QuerySet,
    titeltreffers: QuerySet | None,
    vraag: _Vraag,
    per_pagina: int,
    tekst_sql: str = "NULL",
    tekst_params=(),
) -> tuple[str | None, list[Kennisitem], int]:
    """The value of ``tekst_sql``, the first page of hits and the number of matches, in
    one statement.

    When the title tier fills the page (at least ``per_pagina`` titles match), only
    that tier is ranked and the matches are counted on the side. Otherwise one pass
    over all matches ranks and counts them (a window over the ids and scores only: the
    OFFSET 0 keeps the score computed below the window, not the ranking vectors in it).
    A query that may exclude a word, or without ``titeltreffers``, takes the second way."""
    alle, alle_params = _sql(treffers_qs.annotate(score=_score(vraag)).values("id", "score"))
    iedereen = (
        f"SELECT id, score, count(*) OVER () AS n FROM ({alle} OFFSET 0) s"
        f" ORDER BY score DESC, id LIMIT {int(per_pagina)}"
    )
    if vraag.uitsluiting or titeltreffers is None:
        sql, params = iedereen, alle_params
    else:
        titels, titel_params = _sql(titeltreffers.values("pk")[:per_pagina])
        top, top_params = _sql(
            _geordend(titeltreffers, _score(vraag, titeltrede=True))[:per_pagina]
        )
        telling, tel_params = _sql(treffers_qs.values("pk"))
        sql = f"""
            WITH titels AS MATERIALIZED (SELECT count(*) AS c FROM ({titels}) t)
            SELECT id, score, (SELECT count(*) FROM ({telling}) t) AS n FROM ({top}) a
            WHERE (SELECT c FROM titels) = {int(per_pagina)}
            UNION ALL
            SELECT id, score, n FROM ({iedereen}) b
            WHERE (SELECT c FROM titels) < {int(per_pagina)}
        """
        params = [*titel_params, *tel_params, *top_params, *alle_params]
    tekst, rijen = _rijen(sql, params, vraag, tekst_sql, tekst_params)
    return tekst, rijen, (rijen[0].aantal if rijen else 0)


def api_items(gebruiker, model: type[Kennisitem]) -> QuerySet:
    """Visible items of one type with what the exchange format shows; linked instruments
    only where the caller may see them."""
    qs = _voor_lijst(zichtbare_items(gebruiker, model))
    if model is Instrument:
        return qs.prefetch_related("stappen")
    if model is Praktijkvoorbeeld:
        return qs.prefetch_related(
            Prefetch("instrumenten", queryset=zichtbare_items(gebruiker, Instrument))
        )
    return qs
