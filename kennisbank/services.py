"""Writes of the kennisbank app. Every write goes through these functions, so that the
safe HTML, the publication date and the search vocabulary always follow the content."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from kennisbank.bestanden import bestand_controleren
from kennisbank.inhoud import markdown_naar_html
from kennisbank.models import (
    Instrument,
    Itemtype,
    Kennisitem,
    Materiaal,
    Praktijkvoorbeeld,
    Publicatiestatus,
    Stap,
)
from kennisbank.uitwisseling import (
    ENKELVOUDIGE_VELDEN,
    MODELLEN,
    Regel,
    Regelfout,
    criteria_als_velden,
    item_naar_regel,
    regel_lezen,
)
from kennisbank.validatie import materiaalbron_fout
from portal import paginacache
from portal.models import Regio
from portal.selectors import regio_index, sector_index
from portal.validatie import stuurteken, te_veel_rijen

CONTROLETERMIJN = datetime.timedelta(days=365)


def kennisitem_voorbereiden(*, item: Kennisitem) -> None:
    """Derive what follows from the content before a save: safe HTML, the first
    publication date and, for an uploaded file, its checked content type."""
    item.inhoud_html = markdown_naar_html(item.inhoud)
    if item.status == Publicatiestatus.GEPUBLICEERD and item.gepubliceerd_op is None:
        item.gepubliceerd_op = timezone.now()
    if isinstance(item, Materiaal):
        if item.bestand and not item.bestand._committed:
            item.bestandstype = bestand_controleren(item.bestand)
            # Kept with the item, so its page never needs the file itself.
            item.bestandsgrootte = item.bestand.size
        elif not item.bestand:
            item.bestandstype = ""
            item.bestandsgrootte = None


@transaction.atomic
def kennisitem_opslaan(
    *, item: Kennisitem, gerelateerd_opslaan: Callable[[], None] | None = None
) -> Kennisitem:
    """Save an item with what follows from its content. ``gerelateerd_opslaan`` saves
    what needs the item's key (sectoren, stappen: a form's many-to-many fields and
    inlines) in the same transaction."""
    kennisitem_voorbereiden(item=item)
    item.save()
    if gerelateerd_opslaan is not None:
        gerelateerd_opslaan()
    _zoekwoorden_na_commit([item.pk])
    return item


def _vergrendelen(items: QuerySet) -> QuerySet:
    """The items again, locked for this transaction. Only their own rows: the admin's
    changelist hands over a queryset that joins the optional region, and PostgreSQL
    refuses to lock the nullable side of an outer join. Locked in key order, so two
    bulk actions on overlapping items cannot deadlock."""
    model = items.model
    eigen_tabellen = ("self", *(link.name for link in model._meta.parents.values()))
    ids = list(items.order_by().values_list("pk", flat=True))
    return (
        model._default_manager.filter(pk__in=ids)
        .select_for_update(of=eigen_tabellen)
        .order_by("pk")
    )


def _status_zetten(items: QuerySet, status: str) -> int:
    gewijzigd = []
    for item in _vergrendelen(items):
        if item.status == status:
            continue
        item.status = status
        kennisitem_voorbereiden(item=item)
        item.save()
        gewijzigd.append(item.pk)
    _zoekwoorden_na_commit(gewijzigd)
    return len(gewijzigd)


@transaction.atomic
def kennisitems_publiceren(*, items: QuerySet) -> int:
    """Publish the items (a queryset of one concrete type); returns how many changed."""
    return _status_zetten(items, Publicatiestatus.GEPUBLICEERD)


@transaction.atomic
def kennisitems_archiveren(*, items: QuerySet) -> int:
    """Archive the items: no longer shown, kept with their history."""
    return _status_zetten(items, Publicatiestatus.GEARCHIVEERD)


@transaction.atomic
def kennisitems_gecontroleerd(*, items: QuerySet) -> int:
    """Record that the items were checked today; the next check is due in a year."""
    vandaag = timezone.localdate()
    aantal = 0
    for item in _vergrendelen(items):
        item.gecontroleerd_op = vandaag
        item.controleren_voor = vandaag + CONTROLETERMIJN
        item.save(update_fields=["gecontroleerd_op", "controleren_voor", "bijgewerkt_op"])
        aantal += 1
    return aantal


# The words of published public items among the given ones, for "bedoelde u ...?"
# (selectors.suggestie_zoeken). Words are only added: a suggestion checks that a visible
# item still holds its word. In sorted order, so that two of these statements that add
# the same new words wait for each other rather than deadlock.
_ZOEKWOORDEN_SQL = """
INSERT INTO kennisbank_zoekwoord (woord)
SELECT DISTINCT w.woord
FROM kennisbank_kennisitem k, unnest(tsvector_to_array(
    to_tsvector('simple', unaccent(k.titel || ' ' || k.samenvatting || ' ' || k.inhoud))
)) AS w (woord)
WHERE k.id = ANY (%s) AND k.status = 'gepubliceerd' AND k.publiek
  AND length(w.woord) BETWEEN 4 AND 100 AND w.woord ~ '^[a-z]+(-[a-z]+)*$'
ORDER BY 1
ON CONFLICT (woord) DO NOTHING
"""


def zoekwoorden_toevoegen(*, ids: list[int]) -> None:
    """Add the words of these items (when published and public) to the vocabulary."""
    with connection.cursor() as cursor:
        cursor.execute(_ZOEKWOORDEN_SQL, [ids])


def _zoekwoorden_na_commit(ids: list[int]) -> None:
    # After the commit, in a transaction of its own: a new word's row is then held
    # only for a moment, never for the length of an import.
    if ids:
        transaction.on_commit(lambda: zoekwoorden_toevoegen(ids=ids))


@dataclass
class Importresultaat:
    nieuw: int = 0
    bijgewerkt: int = 0
    ongewijzigd: int = 0


class Importfout(Exception):
    """The file has invalid lines; ``fouten`` lists them as ``regel N: veld: melding``."""

    def __init__(self, fouten: list[str]):
        super().__init__("\n".join(fouten))
        self.fouten = fouten


def _regels_lezen(regels: Iterable[str]) -> list[Regel]:
    regios, sectoren = regio_index(), sector_index()
    gelezen: list[Regel] = []
    fouten: list[str] = []
    gezien: dict[tuple[str, str], int] = {}
    aantal = 0
    for nummer, tekst in enumerate(regels, start=1):
        if not tekst.strip():
            continue
        aantal += 1
        if aantal > settings.IMPORT_MAX_RIJEN:
            raise Importfout([f"regel {nummer}: bestand: {te_veel_rijen()}"])
        try:
            regel = regel_lezen(tekst, nummer, regio_index=regios, sector_index=sectoren)
            _titels_controleren(regel)
        except Regelfout as fout:
            fouten.append(f"regel {nummer}: {fout.veld}: {fout.melding}")
            continue
        sleutel = (regel.type, regel.slug)
        if sleutel in gezien:
            fouten.append(
                f"regel {nummer}: slug: '{regel.slug}' staat al op regel {gezien[sleutel]}"
            )
            continue
        gezien[sleutel] = nummer
        gelezen.append(regel)

    in_bestand = {r.slug for r in gelezen if r.type == Itemtype.INSTRUMENT}
    gevraagd = {
        s
        for r in gelezen
        if r.type == Itemtype.PRAKTIJKVOORBEELD
        for s in r.canoniek["instrumenten"]
    }
    bestaand = set(
        Instrument.objects.filter(slug__in=gevraagd - in_bestand).values_list("slug", flat=True)
    )
    for regel in gelezen:
        if regel.type == Itemtype.PRAKTIJKVOORBEELD:
            for slug in regel.canoniek["instrumenten"]:
                if slug not in in_bestand and slug not in bestaand:
                    fouten.append(
                        f"regel {regel.nummer}: instrumenten: onbekend instrument '{slug}'"
                    )
    fouten += _materiaalbronnen_controleren(gelezen)
    if fouten:
        gesorteerd = sorted(fouten, key=lambda f: int(f.split(":")[0].split()[1]))
        raise Importfout([_afdrukbaar(f) for f in gesorteerd])
    return gelezen


def _titels_controleren(regel: Regel) -> None:
    """The model's rule for titles (no line breaks or other control characters), which
    an import does not reach through full_clean."""
    titels = [("titel", regel.canoniek["titel"])]
    titels += [("stappen", stap["titel"]) for stap in regel.canoniek.get("stappen", [])]
    for veld, titel in titels:
        teken = stuurteken(titel)
        if teken is not None:
            raise Regelfout(
                veld, f"een titel mag geen regeleinde, tab of ander stuurteken bevatten "
                f"(U+{ord(teken):04X})",
            )  # fmt: skip


def _materiaalbronnen_controleren(regels: list[Regel]) -> list[str]:
    """The materiaal rule of the model: a file or a link, never both, or else the inhoud.
    A file is never part of a line, so an existing item's uploaded file counts."""
    materialen = [r for r in regels if r.type == Itemtype.MATERIAAL]
    met_bestand = set(
        Materiaal.objects.filter(slug__in=[r.slug for r in materialen])
        .exclude(bestand="")
        .values_list("slug", flat=True)
    )
    fouten = []
    for regel in materialen:
        fout = materiaalbron_fout(
            heeft_bestand=regel.slug in met_bestand,
            url=regel.canoniek["url"],
            inhoud=regel.canoniek["inhoud"],
        )
        if fout:
            fouten.append(f"regel {regel.nummer}: url: {fout}")
    return fouten


def _afdrukbaar(melding: str) -> str:
    # A message may quote a refused value, such as a lone surrogate, that no output can print.
    return melding.encode("utf-8", "backslashreplace").decode("utf-8")


def _bestaande_items(regels: list[Regel]) -> dict[tuple[str, str], Kennisitem]:
    bestaand = {}
    for type_, model in MODELLEN.items():
        slugs = [r.slug for r in regels if r.type == type_]
        if not slugs:
            continue
        qs = model.objects.filter(slug__in=slugs).select_related("regio")
        qs = qs.prefetch_related("sectoren")
        if model is Instrument:
            qs = qs.prefetch_related("stappen")
        elif model is Praktijkvoorbeeld:
            qs = qs.prefetch_related("instrumenten")
        bestaand |= {(type_, item.slug): item for item in qs}
    return bestaand


def _kopieren(model, objecten: list, velden: list) -> None:
    """Write the objects' rows with COPY, each field's value as Django would insert it:
    a bulk_create of many rows costs more in building and sending its statement than
    the database needs to store them."""
    tabel = connection.ops.quote_name(model._meta.db_table)
    kolommen = ", ".join(connection.ops.quote_name(veld.column) for veld in velden)
    sql = f"COPY {tabel} ({kolommen}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for obj in objecten:
            copy.write_row(
                [veld.get_db_prep_save(veld.pre_save(obj, True), connection) for veld in velden]
            )


def _nieuwe_items_opslaan(model: type[Kennisitem], items: list[Kennisitem]) -> None:
    """Insert new items of one type in bulk: their shared rows, their type's own rows and
    their first history rows. Django's bulk_create refuses a model with a parent table."""
    if not items:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [Kennisitem._meta.db_table, len(items)],
        )
        for item, (pk,) in zip(items, cursor.fetchall(), strict=True):
            item.id = pk
            setattr(item, model._meta.pk.attname, pk)
    _kopieren(Kennisitem, items, [v for v in Kennisitem._meta.concrete_fields if not v.generated])
    _kopieren(model, items, model._meta.local_concrete_fields)
    for item in items:
        item._state.adding = False
    historie = model.history.model
    nu = timezone.now()
    regels = [
        historie(
            history_date=nu,
            history_type="+",
            **{veld.attname: getattr(item, veld.attname) for veld in historie.tracked_fields},
        )
        for item in items
    ]
    _kopieren(historie, regels, [v for v in historie._meta.concrete_fields if not v.primary_key])


def _koppelingen_opslaan(geschreven: list[tuple[Regel, Kennisitem]], bestaande_ids: list) -> None:
    """The sectors, steps and linked instruments of the written items, in bulk; those
    of the items that already existed (``bestaande_ids``) are removed first."""
    sectorlink = Kennisitem.sectoren.through
    sectorlink.objects.filter(kennisitem_id__in=bestaande_ids).delete()
    sectorlink.objects.bulk_create(
        [
            sectorlink(kennisitem_id=item.pk, sector_id=sector.pk)
            for regel, item in geschreven
            for sector in regel.sectoren
        ],
        batch_size=5000,
    )
    Stap.objects.filter(instrument_id__in=bestaande_ids).delete()
    bulk_create_with_history(
        [
            Stap(instrument_id=item.pk, volgorde=n, titel=s["titel"], toelichting=s["toelichting"])
            for regel, item in geschreven
            if regel.type == Itemtype.INSTRUMENT
            for n, s in enumerate(regel.canoniek["stappen"], start=1)
        ],
        Stap,
        batch_size=5000,
    )
    instrumentlink = Praktijkvoorbeeld.instrumenten.through
    instrumentlink.objects.filter(praktijkvoorbeeld_id__in=bestaande_ids).delete()
    voorbeelden = [(r, item) for r, item in geschreven if r.type == Itemtype.PRAKTIJKVOORBEELD]
    slugs = {slug for regel, _ in voorbeelden for slug in regel.canoniek["instrumenten"]}
    instrumenten = dict(Instrument.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    instrumentlink.objects.bulk_create(
        [
            instrumentlink(praktijkvoorbeeld_id=item.pk, instrument_id=instrumenten[slug])
            for regel, item in voorbeelden
            for slug in regel.canoniek["instrumenten"]
        ],
        batch_size=5000,
    )


def _na_bulkimport() -> None:
    """What VACUUM ANALYZE would do, before autovacuum: the GIN indexes' pending lists
    merged and fresh statistics, so the first searches after a bulk load use the index
    (docs/performance.md). Needs the tables' owner: the user that runs the migrations."""
    with connection.cursor() as cursor:
        for index in Kennisitem._meta.indexes:
            if isinstance(index, GinIndex):
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index.name])
        cursor.execute("ANALYZE kennisbank_kennisitem, kennisbank_kennisitem_sectoren")


@transaction.atomic
def kennisbank_importeren(*, regels: Iterable[str], dry_run: bool = False) -> Importresultaat:
    """Upsert items by (type, slug) from JSON Lines. All or nothing: with any invalid
    line Importfout is raised and nothing is written; ``dry_run`` checks and counts only.
    New items are written in bulk; changed ones one by one, as an editor's save."""
    gelezen = _regels_lezen(regels)
    bestaand = _bestaande_items(gelezen)
    regios = {r.slug: r for r in Regio.objects.all()}
    resultaat = Importresultaat()
    geschreven: list[tuple[Regel, Kennisitem]] = []
    for regel in gelezen:
        data = regel.canoniek
        item = bestaand.get((regel.type, regel.slug))
        if item is not None and item_naar_regel(item) == data:
            resultaat.ongewijzigd += 1
            continue
        if item is None:
            item = MODELLEN[regel.type](slug=regel.slug)
            resultaat.nieuw += 1
        else:
            resultaat.bijgewerkt += 1
        for veld in (
            "titel",
            "samenvatting",
            "inhoud",
            "doelgroepen",
            "bewijsstukken",
            "publiek",
            "status",
            "links",
        ):
            setattr(item, veld, data[veld])
        item.regio = regios[data["regio"]] if data["regio"] else None
        for veld in ENKELVOUDIGE_VELDEN[regel.type]:
            setattr(item, veld, data[veld])
        if regel.type == Itemtype.INSTRUMENT:
            for veld, waarde in criteria_als_velden(data["criteria"]).items():
                setattr(item, veld, waarde)
        geschreven.append((regel, item))
    if dry_run:
        return resultaat
    bestaande_ids = [item.pk for _, item in geschreven if not item._state.adding]
    for _, item in geschreven:
        kennisitem_voorbereiden(item=item)
        if not item._state.adding:
            item.save()
    for model in MODELLEN.values():
        nieuw = [item for _, item in geschreven if item._state.adding and type(item) is model]
        _nieuwe_items_opslaan(model, nieuw)
    _koppelingen_opslaan(geschreven, bestaande_ids)
    if len(geschreven) > len(bestaande_ids):
        _na_bulkimport()
    _zoekwoorden_na_commit([item.pk for _, item in geschreven])
    # New items were copied in bulk, without the signals that renew the cached pages.
    paginacache.verversen()
    return resultaat
