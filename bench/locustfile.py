"""The load of `make loadtest`: anonymous visitors who search the kennisbank, browse its
lists and the regions' networks, use the API and ask the wegwijzer for a route, without
think time. Run by bench/belastingtest.py; locust can also run it by hand:

    .venv/bin/locust -f bench/locustfile.py --host http://127.0.0.1:8000

Each request carries a ``name`` so that the figures are grouped per kind of page, not
per URL.
"""

import random

from locust import FastHttpUser, constant, task

# Half the searches are the popular ones below; the other half combine two or three words
# at random, so that most of those are asked for the first time.
POPULAIR = [
    "praktijkverklaring statushouder",
    "subsidie werkgever loonkosten",
    "mbo certificaat zorg",
    "taal rekenen begeleiding",
    "textiel leerwerkbaan twente",
    "derde leerweg diploma",
    "jobcoach proefplaatsing uitkering",
    "geinspireerd praktijkleren werkgevers",
]
WOORDEN = [
    "praktijkverklaring",
    "certificaat",
    "diploma",
    "mbo",
    "werkgever",
    "subsidie",
    "loonkosten",
    "zorg",
    "techniek",
    "logistiek",
    "handel",
    "statushouder",
    "bijstand",
    "jongeren",
    "taal",
    "begeleiding",
    "jobcoach",
    "leerbedrijf",
    "erkenning",
    "scholing",
    "ww",
    "wajong",
    "proefplaatsing",
    "textiel",
    "horeca",
    "bouw",
    "regeling",
]
REGIO_S = ["twente", "noord-limburg", "groot-amsterdam", "rijnmond", "drenthe", "zuid-limburg"]
SECTOREN = ["handel", "zorg-welzijn-en-sport", "techniek-en-gebouwde-omgeving", ""]
DOELGROEPEN = ["statushouder", "bijstand", "ww", "wajong", "nug"]
LIJSTEN = ["instrumenten", "praktijkvoorbeelden", "materialen"]


def _zoekopdracht() -> str:
    if random.random() < 0.5:
        return random.choice(POPULAIR)
    return " ".join(random.sample(WOORDEN, random.randint(2, 3)))


def _situatie() -> dict:
    vraag = {
        "regio": random.choice(REGIO_S),
        "doelgroep": random.choice(DOELGROEPEN),
        "startkwalificatie": random.choice(["ja", "nee", "onbekend"]),
    }
    sector = random.choice(SECTOREN)
    if sector:
        vraag["sector"] = sector
    if random.random() < 0.5:
        vraag["leeftijd"] = str(random.randint(18, 60))
    return vraag


class Bezoeker(FastHttpUser):
    wait_time = constant(0)

    def _json(self, pad: str, naam: str, params: dict | None = None) -> None:
        with self.client.get(pad, params=params, name=naam, catch_response=True) as antwoord:
            if antwoord.status_code != 200:
                antwoord.failure(f"status {antwoord.status_code}")
            elif not isinstance(antwoord.json(), dict):
                antwoord.failure("geen JSON-object")

    @task(3)
    def startpagina(self):
        self.client.get("/", name="/")

    @task(6)
    def zoeken(self):
        self.client.get("/zoeken/", params={"q": _zoekopdracht()}, name="/zoeken/?q=[woorden]")

    @task(5)
    def lijst(self):
        lijst = random.choice(LIJSTEN)
        params = {"sector": random.choice(SECTOREN[:-1])} if random.random() < 0.4 else None
        self.client.get(f"/kennisbank/{lijst}/", params=params, name="/kennisbank/[lijst]/")

    @task(2)
    def instrument(self):
        self.client.get(
            "/kennisbank/instrumenten/praktijkverklaring/", name="/kennisbank/instrumenten/[slug]/"
        )

    @task(4)
    def regio(self):
        self.client.get(f"/netwerk/{random.choice(REGIO_S)}/", name="/netwerk/[regio]/")

    @task(1)
    def netwerk(self):
        self.client.get("/netwerk/", name="/netwerk/")

    @task(4)
    def api_zoeken(self):
        self._json("/api/v1/zoeken", "/api/v1/zoeken?q=[woorden]", {"q": _zoekopdracht()})

    @task(3)
    def api_lijst(self):
        self._json(f"/api/v1/{random.choice(LIJSTEN)}", "/api/v1/[lijst]")

    @task(2)
    def api_organisaties(self):
        params = {"regio": random.choice(REGIO_S)}
        self._json("/api/v1/organisaties", "/api/v1/organisaties", params)

    @task(3)
    def wegwijzer(self):
        self.client.get("/wegwijzer/", params=_situatie(), name="/wegwijzer/?[situatie]")

    @task(3)
    def api_wegwijzer(self):
        self._json("/api/v1/wegwijzer", "/api/v1/wegwijzer?[situatie]", _situatie())
