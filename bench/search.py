"""Kennisbank search on 100,000 generated items of Dutch text, against naive icontains.

Prints p50/p95 per kind of query for the full search (count, ranked page of 20 with
fragments, suggestion when little is found) and for the baseline that does the same
count and page with ``icontains`` on titel, samenvatting and inhoud.
"""

import datetime
import random
import time

from bench.common import benchmark_database, p50_p95, timings_ms

AANTAL = 100_000
HERHALINGEN = 30
HERHALINGEN_BASIS = 8

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
    "zelfvertrouwen",
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
HALF = "arbeidsmarktregio"  # put in half of the items


def _zin(rnd: random.Random, lengte: int) -> str:
    woorden = []
    for _ in range(lengte):
        bron = STOPWOORDEN if rnd.random() < 0.35 else WOORDEN
        woorden.append(rnd.choice(bron))
    woorden[0] = woorden[0].capitalize()
    return " ".join(woorden) + "."


def _item(rnd: random.Random, n: int) -> tuple:
    titel = _zin(rnd, rnd.randint(4, 9)).rstrip(".")
    samenvatting = _zin(rnd, rnd.randint(12, 25))
    zinnen = [_zin(rnd, rnd.randint(6, 16)) for _ in range(rnd.randint(4, 12))]
    if n % 2 == 0:
        zinnen.insert(rnd.randrange(len(zinnen)), f"In de {HALF} werkt men samen.")
    if n % 10_000 == 7:
        zinnen.append(f"Een {ZELDZAAM[n // 10_000 % len(ZELDZAAM)]} leerde het vak.")
    if rnd.random() < 0.02:
        zinnen.append("Een erkend leerbedrijf biedt de leerbaan.")
    return (titel, f"item-{n}", samenvatting, "\n\n".join(zinnen))


def _laden(connection) -> float:
    rnd = random.Random(20260101)
    nu = datetime.datetime.now(datetime.UTC)
    vandaag = nu.date()
    start = time.perf_counter()
    kolommen = (
        "type, titel, slug, samenvatting, inhoud, inhoud_html, doelgroepen, bewijsstukken, "
        "status, publiek, links, gecontroleerd_op, controleren_voor, gepubliceerd_op, "
        "aangemaakt_op, bijgewerkt_op"
    )
    with connection.cursor() as cursor:
        ruw = cursor.cursor  # psycopg's own cursor, for COPY
        with ruw.copy(f"COPY kennisbank_kennisitem ({kolommen}) FROM STDIN") as copy:
            for n in range(AANTAL):
                titel, slug, samenvatting, inhoud = _item(rnd, n)
                copy.write_row(
                    (
                        ("instrument", "praktijkvoorbeeld", "materiaal")[n % 3],
                        titel,
                        slug,
                        samenvatting,
                        inhoud,
                        "",
                        [],
                        [],
                        "gepubliceerd",
                        n % 5 != 0,
                        [],
                        vandaag,
                        vandaag,
                        nu,
                        nu,
                        nu,
                    )
                )
    return time.perf_counter() - start


def _rust(connection) -> None:
    """Steady state, as autovacuum leaves the tables on a running server: statistics,
    visibility map and hint bits for every table, so the timings neither pay for the
    bulk load nor share the machine with autovacuum catching up on it; and the load
    written out, so the checkpointer does not write it during the timings (when the
    database user may ask for a checkpoint)."""
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


def main() -> None:
    from django.contrib.auth.models import AnonymousUser

    from kennisbank.selectors import zoeken
    from kennisbank.services import zoekwoorden_bijwerken

    with benchmark_database() as connection:
        duur = _laden(connection)
        start = time.perf_counter()
        zoekwoorden_bijwerken()
        woordenlijst = time.perf_counter() - start
        _rust(connection)
        print(
            f"{AANTAL} items geladen met COPY in {duur:.1f} s; woordenlijst in {woordenlijst:.1f} s"
        )

        anoniem = AnonymousUser()
        vragen = [
            ("zeldzaam woord", "hoefsmid"),
            ("veelvoorkomend woord", "praktijkverklaring"),
            ("woord in helft van corpus", HALF),
            ("twee woorden", "jobcoach magazijn"),
            ("woordgroep", '"erkend leerbedrijf"'),
            ("spelfout", "hoefsnid"),
        ]
        print(f"{'zoekvraag':<28}{'treffers':>9}{'p50 ms':>9}{'p95 ms':>9}"
              f"{'basis p50':>11}{'basis p95':>11}{'factor p50':>12}")  # fmt: skip
        alle, alle_basis = [], []
        for naam, vraag in vragen:
            resultaat = zoeken(gebruiker=anoniem, zoekterm=vraag, met_facetten=False)

            def zoek(vraag=vraag):
                zoeken(gebruiker=anoniem, zoekterm=vraag, met_facetten=False)

            tijden = timings_ms(zoek, HERHALINGEN)
            basis = timings_ms(_basislijn(vraag), HERHALINGEN_BASIS)
            alle += tijden
            alle_basis += basis
            p50, p95 = p50_p95(tijden)
            b50, b95 = p50_p95(basis)
            extra = f"  (suggestie: {resultaat.suggestie})" if resultaat.suggestie else ""
            print(
                f"{naam:<28}{resultaat.aantal:>9}{p50:>9.1f}{p95:>9.1f}"
                f"{b50:>11.1f}{b95:>11.1f}{b50 / p50:>11.0f}×{extra}"
            )

        # The whole mix: percentiles over every timing above, each kind weighing the same.
        p50, p95 = p50_p95(alle)
        b50, b95 = p50_p95(alle_basis)
        print(
            f"{'hele mix':<28}{'':>9}{p50:>9.1f}{p95:>9.1f}"
            f"{b50:>11.1f}{b95:>11.1f}{b50 / p50:>11.0f}×"
        )

        # As the search page and the API search: with the five facet counts.
        for naam, vraag in [
            ("een woord", "praktijkverklaring"),
            ("twee woorden", "jobcoach magazijn"),
        ]:

            def met_facetten(vraag=vraag):
                zoeken(gebruiker=anoniem, zoekterm=vraag)

            f50, f95 = p50_p95(timings_ms(met_facetten, 10))
            print(f"{naam} met facetten (5 tellingen): p50 {f50:.1f} ms, p95 {f95:.1f} ms")
