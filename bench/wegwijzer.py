"""The wegwijzer page over the demo content (seed_demo: the kennisbank, the network and
about 5,000 synthetic trajectories): a mix of answers, anonymous and logged in, through
the whole request (middleware, form, selector, template). Target: p95 <= 150 ms."""

import datetime as dt
import io
import itertools

from bench.common import benchmark_database, p50_p95, timings_ms

HERHALINGEN = 3
DOEL_P95_MS = 150


def _mix() -> list[dict]:
    """Twenty situations: regions by slug, name and gemeente, every startkwalificatie,
    with and without sector and age, today and another peildatum."""
    regios = ["twente", "Enschede", "Noord-Limburg", "venlo", "Groot Amsterdam", "rijnmond"]
    doelgroepen = ["statushouder", "ww", "bijstand", "werkend", "wajong"]
    startkwalificaties = ["nee", "onbekend", "ja"]
    sectoren = [
        "specialistisch-vakmanschap",
        "techniek-en-gebouwde-omgeving",
        "",
        "zorg-welzijn-en-sport",
        "handel",
    ]
    leeftijden = ["23", "", "45", "19", "58"]
    peildata = ["", "", "", (dt.date.today() + dt.timedelta(days=300)).isoformat()]
    mix = []
    for n, (regio, doelgroep) in enumerate(
        itertools.islice(itertools.cycle(itertools.product(regios, doelgroepen)), 20)
    ):
        vraag = {
            "regio": regio,
            "doelgroep": doelgroep,
            "startkwalificatie": startkwalificaties[n % 3],
            "sector": sectoren[n % 5],
            "leeftijd": leeftijden[n % 5],
            "peildatum": peildata[n % 4],
        }
        mix.append({k: v for k, v in vraag.items() if v})
    return mix


def _meten(client, pad: str, mix: list[dict]) -> list[float]:
    tijden = []
    for vraag in mix:
        client.get(pad, vraag)  # warm: the first request of a kind compiles its templates

        def aanvraag(vraag=vraag):
            antwoord = client.get(pad, vraag)
            assert antwoord.status_code == 200, (pad, vraag, antwoord.status_code)

        tijden += timings_ms(aanvraag, HERHALINGEN)
    return tijden


def main() -> None:
    with benchmark_database():
        from django.core.management import call_command
        from django.test import Client

        from portal.models import Gebruiker

        call_command("seed_demo", stdout=io.StringIO())
        mix = _mix()
        anoniem = Client()
        ingelogd = Client()
        ingelogd.force_login(Gebruiker.objects.get(username="professional"))
        print(f"{len(mix)} situaties x {HERHALINGEN}, demo-inhoud (seed_demo)")
        print(f"{'wat':<42} {'p50 ms':>8} {'p95 ms':>8}")
        alle = []
        for naam, client, pad in (
            ("pagina /wegwijzer/, anoniem", anoniem, "/wegwijzer/"),
            ("pagina /wegwijzer/, ingelogd", ingelogd, "/wegwijzer/"),
            ("afdrukversie, ingelogd", ingelogd, "/wegwijzer/afdrukken/"),
            ("API /api/v1/wegwijzer, ingelogd", ingelogd, "/api/v1/wegwijzer"),
        ):
            tijden = _meten(client, pad, mix)
            if pad == "/wegwijzer/":
                alle += tijden
            p50, p95 = p50_p95(tijden)
            print(f"{naam:<42} {p50:8.1f} {p95:8.1f}")
        p50, p95 = p50_p95(alle)
        oordeel = "gehaald" if p95 <= DOEL_P95_MS else "NIET gehaald"
        print(f"{'pagina, alle antwoorden samen':<42} {p50:8.1f} {p95:8.1f}")
        print(f"doel p95 <= {DOEL_P95_MS} ms voor de pagina: {oordeel}")
