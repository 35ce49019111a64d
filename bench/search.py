"""Kennisbank search at a realistic 5,000 items and at 100,000, loaded as a user loads
them: a JSON Lines file through ``import_kennisbank``.

Prints the import's time, then per kind of query the search page as visitors get it
(count, ranked page of 20 with fragments, the five facets, the suggestion when little
is found) next to a naive baseline in the same run: the same count and page with
``icontains`` on titel, samenvatting and inhoud. Timed twice: right after the import,
and once the database has settled (VACUUM ANALYZE, as autovacuum would leave it).
"""

import json
import random
import tempfile
import time
from pathlib import Path

from bench.common import benchmark_database, p50_p95, timings_ms

AANTALLEN = (5_000, 100_000)
HERHALINGEN = 20
HERHALINGEN_BASIS = 5

WOORDEN = [
    "praktijkleren",
    "werkgever",
    "kandidaat",
    "leerbedrijf",
    "begeleiding",
    "opleiding",
    "mbo",
    "diploma",
    "certificaat",
    "praktijkverklaring",
    "werkproces",
    "beroep",
    "regio",
    "gemeente",
    "uwv",
    "school",
    "praktijkopleider",
    "afspraken",
    "financiering",
    "subsidie",
    "loonkostensubsidie",
    "jobcoach",
    "proefplaatsing",
    "werkervaring",
    "vakmanschap",
    "zorg",
    "techniek",
    "logistiek",
    "handel",
    "horeca",
    "bouw",
    "installatie",
    "schoonmaak",
    "groen",
    "detailhandel",
    "klantmanager",
    "consulent",
    "adviseur",
    "traject",
    "resultaat",
    "evaluatie",
    "intake",
    "kwalificatie",
    "dossier",
    "leerwerkloket",
    "werkgeversservicepunt",
    "sectorkamer",
    "scholing",
    "ontwikkeling",
    "loopbaan",
    "vaardigheden",
    "taal",
    "rekenen",
    "digitaal",
    "samenwerken",
    "planning",
    "kwaliteit",
    "veiligheid",
    "onderhoud",
    "magazijn",
    "kassa",
    "contract",
    "dienstverband",
    "uitkering",
    "bijstand",
    "participatie",
    "inburgering",
    "statushouder",
    "jongeren",
    "ouderen",
    "herintreder",
    "duurzaam",
    "perspectief",
    "motivatie",
    "zelfvertouwen",
    "ervaring",
    "erkenning",
]
STOPWOORDEN = [
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "met",
    "voor",
    "door",
    "bij",
    "naar",
    "om",
    "te",
    "is",
    "zijn",
    "wordt",
    "werd",
]
ZELDZAAM = ["zeefdrukker", "hoefsmid", "orgelbouwer", "klokkenmaker", "rietdekker"]
HALF = "arbeidsmarktregio"  # in half of the items
MEESTE = "werkplek"  # in nine of ten items
REGIOS = ["twente", "noord-limburg", "rijnmond", "groot-amsterdam", "midden-utrecht"]
SECTOREN = [
    "handel",
    "zorg-welzijn-en-sport",
    "techniek-en-gebouwde-omgeving",
    "ict-en-creatieve-industrie",
]
DOELGROEPEN = ["ww", "bijstand", "wajong", "nug", "statushouder"]
BEWIJSSTUKKEN = ["praktijkverklaring", "mbo-certificaat", "mbo-diploma"]

VRAGEN = [
    ("zeldzaam woord", "hoefsmid"),
    ("veelvoorkomend woord", "praktijkverklaring"),
    ("woord in de helft", HALF),
    ("woord in de meeste items", MEESTE),
    ("twee woorden", "jobcoach magazijn"),
    ("woordgroep", '"erkend leerbedrijf"'),
    ("spelfout", "hoefsnid"),
]


def _zin(rnd: random.Random, lengte: int) -> str:
    woorden = [rnd.choice(STOPWOORDEN if rnd.random() < 0.35 else WOORDEN) for _ in range(lengte)]
    return " ".join(woorden).capitalize() + "."


def _regel(rnd: random.Random, n: int) -> dict:
    """One item as a line of the exchange format: Dutch-looking text of ordinary
    length, about 80% public, some regional, with sectors, doelgroepen and bewijsstukken
    so that the facets have something to count."""
    zinnen = [_zin(rnd, rnd.randint(6, 16)) for _ in range(rnd.randint(4, 12))]
    if n % 2 == 0:
        zinnen.insert(rnd.randrange(len(zinnen)), f"In de {HALF} werkt men samen.")
    if n % 10 != 0:
        zinnen.append(f"De {MEESTE} is belangrijk.")
    if n % 2500 == 7:  # two items at 5,000, forty at 100,000
        zinnen.append(f"Een {ZELDZAAM[n // 2500 % len(ZELDZAAM)]} leerde het vak.")
    if rnd.random() < 0.02:
        zinnen.append("Een erkend leerbedrijf biedt de leerbaan.")
    type_ = ("instrument", "praktijkvoorbeeld", "materiaal")[n % 3]
    regel = {
        "type": type_,
        "slug": f"item-{n}",
        "titel": _zin(rnd, rnd.randint(4, 9)).rstrip("."),
        "samenvatting": _zin(rnd, rnd.randint(12, 25)),
        "inhoud": "\n\n".join(zinnen),
        "sectoren": rnd.sample(SECTOREN, rnd.randint(0, 2)),
        "doelgroepen": rnd.sample(DOELGROEPEN, rnd.randint(0, 2)),
        "bewijsstukken": rnd.sample(BEWIJSSTUKKEN, rnd.randint(0, 1)),
        "regio": rnd.choice(REGIOS) if rnd.random() < 0.3 else None,
        "publiek": n % 5 != 0,
        "status": "gepubliceerd",
    }
    if type_ == "praktijkvoorbeeld":
        regel["jaar"] = 2020 + n % 5
    elif type_ == "materiaal":
        regel["soort"] = "brochure"
    return regel


def _bestand(aantal: int, map_: Path) -> Path:
    rnd = random.Random(20260101)
    pad = map_ / f"kennisbank-{aantal}.jsonl"
    with pad.open("w", encoding="utf-8") as bestand:
        for n in range(aantal):
            bestand.write(json.dumps(_regel(rnd, n), ensure_ascii=False) + "\n")
    return pad


def _importeren(pad: Path) -> float:
    import io

    from django.core.management import call_command

    start = time.perf_counter()
    call_command("import_kennisbank", str(pad), stdout=io.StringIO())
    return time.perf_counter() - start


def _rust(connection) -> None:
    """The database settled, as autovacuum leaves it on a running server: statistics,
    visibility map and hint bits; and the load written out, so the checkpointer does not
    write it during the timings (when the database user may ask for a checkpoint)."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
        cursor.execute(
            "SELECT rolsuper OR pg_has_role(current_user, 'pg_checkpoint', 'MEMBER')"
            " FROM pg_roles WHERE rolname = current_user"
        )
        if cursor.fetchone()[0]:
            cursor.execute("CHECKPOINT")


def _basislijn(zoekterm: str):
    from django.db.models import Q

    from kennisbank.models import Kennisitem

    qs = Kennisitem.objects.filter(status="gepubliceerd", publiek=True)
    for woord in zoekterm.replace('"', "").split():
        qs = qs.filter(
            Q(titel__icontains=woord)
            | Q(samenvatting__icontains=woord)
            | Q(inhoud__icontains=woord)
        )

    def run():
        qs.count()
        list(qs.order_by("id").values("id", "titel", "samenvatting")[:20])

    return run


def _meten(moment: str) -> None:
    from django.contrib.auth.models import AnonymousUser

    from kennisbank.selectors import zoeken

    anoniem = AnonymousUser()
    print(f"-- {moment}")
    print(f"{'zoekpagina':<26}{'treffers':>9}{'p50 ms':>9}{'p95 ms':>9}"
          f"{'basis p50':>11}{'basis p95':>11}{'factor p50':>12}")  # fmt: skip
    alle, alle_basis = [], []
    for naam, vraag in VRAGEN:
        resultaat = zoeken(gebruiker=anoniem, zoekterm=vraag)
        tijden = timings_ms(
            lambda vraag=vraag: zoeken(gebruiker=anoniem, zoekterm=vraag), HERHALINGEN
        )
        basis = timings_ms(_basislijn(vraag), HERHALINGEN_BASIS)
        alle += tijden
        alle_basis += basis
        p50, p95 = p50_p95(tijden)
        b50, b95 = p50_p95(basis)
        extra = f"  (suggestie: {resultaat.suggestie})" if resultaat.suggestie else ""
        print(
            f"{naam:<26}{resultaat.aantal:>9}{p50:>9.1f}{p95:>9.1f}"
            f"{b50:>11.1f}{b95:>11.1f}{b50 / p50:>11.0f}×{extra}"
        )
    p50, p95 = p50_p95(alle)
    b50, b95 = p50_p95(alle_basis)
    print(
        f"{'hele mix':<26}{'':>9}{p50:>9.1f}{p95:>9.1f}{b50:>11.1f}{b95:>11.1f}{b50 / p50:>11.0f}×"
    )


def meten(aantal: int) -> None:
    with tempfile.TemporaryDirectory() as map_, benchmark_database() as connection:
        pad = _bestand(aantal, Path(map_))
        duur = _importeren(pad)
        print(f"== {aantal} items: import_kennisbank in {duur:.1f} s")
        _meten("direct na de import")
        _rust(connection)
        _meten("na VACUUM ANALYZE")


def main() -> None:
    for aantal in AANTALLEN:
        meten(aantal)
