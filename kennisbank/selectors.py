"""Reads of the kennisbank app: what a visitor may see, lists, details, facets, search."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from django import forms
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat, Replace
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kennisbank.filters import LANDELIJK, KennisitemFilterSet, ZoekFilterSet
from kennisbank.inhoud import html_naar_platte_tekst
from kennisbank.models import (
    ZOEKCONFIG,
    Instrument,
    Kennisitem,
    Materiaal,
    Praktijkvoorbeeld,
    Publicatiestatus,
)
from portal import permissions
from portal.lijsten import PER_PAGINA
from portal.models import Regio, Sector

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


def te_controleren_items(*, regio_ids, vandaag) -> list[Kennisitem]:
    """The items of these regions whose review date has passed on ``vandaag``, oldest
    date first, each as its own kind (instrument, praktijkvoorbeeld, materiaal). Archived
    items are left out: nobody reads them, so nobody needs to check them."""
    items: list[Kennisitem] = []
    for model in (Instrument, Praktijkvoorbeeld, Materiaal):
        items += (
            model.objects.filter(regio__in=list(regio_ids), controleren_voor__lt=vandaag)
            .exclude(status=Publicatiestatus.GEARCHIVEERD)
            .only("pk", "type", "titel", "regio__naam", "controleren_voor")
            .select_related("regio")
        )
    return sorted(items, key=lambda item: (item.controleren_voor, item.titel))


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
    # Grouped by the facet's column first: only the few groups are unnested or joined.
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
    # An item links a sector at most once, so the links are counted per sector first.
    koppeling = Kennisitem.sectoren.through._meta.db_table
    return (
        f"SELECT %s, s.slug, g.n FROM (SELECT k.sector_id, count(*) AS n FROM m"
        f" JOIN {koppeling} k ON k.kennisitem_id = m.id GROUP BY 1) g"
        f" JOIN {Sector._meta.db_table} s ON s.id = g.sector_id",
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

# A query that finds fewer items than this is widened with prefixes (see _met_prefixen).
VERBREDEN_ONDER = PER_PAGINA
# Score step between the tiers: the title alone matches the query (2), title and summary
# together match it (1), or only the text does (0). ts_rank is at most 1 (twice that for
# a widened query), so the rest of the score never lifts an item above a higher tier.
TREDE = 10.0

# A lexeme in a tsquery's text ('' is a quote inside it).
_LEXEEM = re.compile(r"'((?:[^']|'')+)'")


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


class _Tsquery(SearchQuery):
    """A query already parsed, given as its text: cast, not parsed again (to_tsquery
    would stem the stems a second time); in a scalar subquery, so the planner keeps to
    the GIN index (docs/performance.md, Table settings)."""

    def __init__(self, tekst: str):
        super().__init__(tekst)
        self.tekst = tekst

    def as_sql(self, compiler, connection, function=None, template=None):
        return "(SELECT %s::tsquery)", [self.tekst]


def _met_prefixen(tekst: str) -> str:
    """The parsed query with every word of four letters or more also matching as a
    prefix. Dutch glues words together: "confectie" should find "confectiebedrijf"."""
    return _LEXEEM.sub(lambda m: f"{m.group(0)}:*" if len(m.group(1)) >= 4 else m.group(0), tekst)


# The title's words alone: in the short vector only the title has weight A.
_TITELWOORDEN = Func(
    F("rangvector"), Value("{a}"), function="ts_filter", output_field=SearchVectorField()
)


# An instrument's end date as a subquery, not a join: read for the page's rows only.
_GELDIG_TOT = Subquery(Instrument.objects.filter(pk=OuterRef("pk")).values("geldig_tot"))


def _gerangschikt(treffers: QuerySet, vraag: SearchQuery, exact: SearchQuery | None) -> QuerySet:
    """The matches in order of relevance: the tier (see TREDE), then ts_rank on the
    short titel/samenvatting vector; a widened query adds the rank of the exact one, so
    exact matches stay first. Each with its ``fragment``: the matching passages, title
    included (a word may be found only there), hits between _MARK_BEGIN and _MARK_EIND;
    PostgreSQL computes it for the page's rows only (docs/performance.md)."""
    score = (
        Case(
            When(~Q(rangvector=vraag), then=Value(0.0)),
            When(titelwoorden=vraag, then=Value(2 * TREDE)),
            default=Value(TREDE),
        )
        + SearchRank(F("rangvector"), vraag)
        + (SearchRank(F("rangvector"), exact) if exact is not None else Value(0.0))
    )
    # The rendered, sanitised HTML of the inhoud, not its Markdown, so _fragment can
    # strip it as HTML. Titel and samenvatting are plain text, escaped here so that the
    # whole passage is HTML and a "<" or "&" in a title survives the stripping.
    tekst = Concat(
        _als_html("titel"),
        Value("\n"),
        _als_html("samenvatting"),
        Value("\n"),
        "inhoud_html",
        output_field=TextField(),
    )
    fragment = SearchHeadline(
        tekst,
        vraag,
        config=ZOEKCONFIG,
        start_sel=_MARK_BEGIN,
        stop_sel=_MARK_EIND,
        max_words=30,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    return (
        treffers.alias(titelwoorden=_TITELWOORDEN)
        .annotate(score=score, fragment=fragment, geldig_tot=_GELDIG_TOT)
        .defer("inhoud", "inhoud_html", "zoekvector", "rangvector")
        .order_by("-score", "id")
    )


def _als_html(veld: str) -> Replace:
    """A plain-text column as HTML text: & first, so no entity is escaped twice."""
    tekst = F(veld)
    for teken, entiteit in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        tekst = Replace(tekst, Value(teken), Value(entiteit))
    return tekst


def _fragment(ruw: str) -> str:
    """A fragment as safe HTML: plain text from the passage's HTML, escaped again,
    <mark> around the hits."""
    tekst = html.escape(html_naar_platte_tekst(ruw))
    return tekst.replace(_MARK_BEGIN, "<mark>").replace(_MARK_EIND, "</mark>")


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
    folded (the text search configuration ZOEKCONFIG); ranked by _gerangschikt. A query
    that finds little is widened with prefixes, and gets a "bedoelde u" suggestion."""
    zoekterm, ingekort = zoekterm_opschonen(zoekterm)
    filterset = ZoekFilterSet(filters or {}, queryset=zichtbare_items(gebruiker))
    leeg = Zoekresultaten(zoekterm, ingekort, 0, None, [], None, [], filterset)
    if not zoekterm:
        return leeg
    filterset.is_valid()

    def tellen(vraag: SearchQuery, exact: SearchQuery | None = None):
        """The paginator over the ranked matches and, with facets, their counts."""
        filterset.queryset = zichtbare_items(gebruiker).filter(zoekvector=vraag)
        treffers = filterset.filter_queryset(filterset.queryset)
        lijst = Paginator(_gerangschikt(treffers, vraag, exact), per_pagina)
        tellingen = facetten_tellen(filterset) if met_facetten else None
        if tellingen is not None and not _zelf_gekozen(filterset):
            # Then every facet was counted over exactly the matches, and every item
            # has one type: no second pass over them to count.
            lijst.count = sum(tellingen["type"].values())
        return lijst, tellingen

    vraag = SearchQuery(zoekterm, search_type="websearch", config=ZOEKCONFIG)
    lijst, tellingen = tellen(vraag)
    if lijst.count < VERBREDEN_ONDER:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT websearch_to_tsquery(%s::regconfig, %s)::text", [ZOEKCONFIG, zoekterm]
            )
            (tekst,) = cursor.fetchone()
        if not tekst:  # only stop words, or nothing searchable
            return leeg
        if _met_prefixen(tekst) != tekst:
            vraag, exact = _Tsquery(_met_prefixen(tekst)), vraag
            lijst, tellingen = tellen(vraag, exact)
    pagina_obj = lijst.get_page(pagina)

    suggestie = suggestie_zoeken(zoekterm) if lijst.count < 3 else None
    if suggestie and suggestie.casefold() == zoekterm.casefold():
        suggestie = None
    vandaag = timezone.localdate()
    return Zoekresultaten(
        zoekterm=zoekterm,
        ingekort=ingekort,
        aantal=lijst.count,
        pagina=pagina_obj,
        treffers=[
            Treffer(
                item=rij,
                score=round(float(rij.score), 4),
                fragment=_fragment(rij.fragment),
                beeindigd=bool(rij.geldig_tot and rij.geldig_tot < vandaag),
                geldig_tot=rij.geldig_tot,
            )
            for rij in pagina_obj.object_list
        ],
        suggestie=suggestie,
        facetten=facetten(filterset, tellingen) if tellingen and lijst.count else [],
        filterset=filterset,
    )


def suggestie_zoeken(zoekterm: str) -> str | None:
    """A corrected query when some words are not in the vocabulary and a close one is:
    "bedoelde u ...?". One query, using the trigram index on the vocabulary. A word is
    only offered while a published public item holds it: the vocabulary only grows, and
    must never reveal what is hidden now."""
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
                     WHERE z.woord %% q.woord AND EXISTS (
                        SELECT 1 FROM kennisbank_kennisitem k
                        WHERE k.status = %s AND k.publiek
                          AND k.zoekvector @@ plainto_tsquery(%s::regconfig, z.woord))
                     ORDER BY similarity(z.woord, q.woord) DESC, z.woord
                     LIMIT 1)
            FROM unnest(%s::text[]) AS q(woord)
            """,
            [Publicatiestatus.GEPUBLICEERD, ZOEKCONFIG, kandidaten],
        )
        vervangingen = {
            woord: beste for woord, bestaat, beste in cursor.fetchall() if not bestaat and beste
        }
    if not vervangingen:
        return None
    return _WOORD.sub(
        lambda m: vervangingen.get(_zonder_accenten(m.group(0)), m.group(0)), zoekterm
    )
