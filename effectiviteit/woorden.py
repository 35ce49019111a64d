"""The fixed vocabularies of CONTRACT section 2 that trajectory data uses, with Dutch labels."""

DOELGROEPEN = {
    "ww": "WW",
    "bijstand": "Bijstand",
    "wajong": "Wajong",
    "nug": "Niet-uitkeringsgerechtigd",
    "werkend": "Werkend",
    "statushouder": "Statushouder",
    "overig": "Overig",
}
BEWIJSSTUKKEN = {
    "praktijkverklaring": "Praktijkverklaring",
    "mbo-certificaat": "Mbo-certificaat",
    "mbo-diploma": "Mbo-diploma",
}
BEHAALD = {**BEWIJSSTUKKEN, "geen": "Geen bewijsstuk"}
PARTIJEN = {
    "uwv": "UWV",
    "gemeente": "Gemeente",
    "werkgever": "Werkgever",
    "sw-bedrijf": "Sw-bedrijf",
    "mbo-instelling": "Mbo-instelling",
    "leerwerkloket": "Leerwerkloket",
    "overig": "Overig",
}
STATUSSEN = {"lopend": "Lopend", "afgerond": "Afgerond", "uitgevallen": "Uitgevallen"}
UITVALREDENEN = {
    "werk-gevonden": "Werk gevonden",
    "gezondheid": "Gezondheid",
    "motivatie": "Motivatie",
    "werkgever-gestopt": "Werkgever gestopt",
    "persoonlijke-omstandigheden": "Persoonlijke omstandigheden",
    "niveau-te-hoog": "Niveau te hoog",
    "overig": "Overig",
}
VERVOLGEN = {
    "duurzame-baan": "Duurzame baan",
    "tijdelijke-baan": "Tijdelijke baan",
    "onderwijs": "Onderwijs",
    "geen-werk": "Geen werk",
    "onbekend": "Onbekend",
}

# Age is never stored, only the band it falls in (lower bound, upper bound inclusive).
LEEFTIJDSBANDEN = [(15, 17), (18, 22), (23, 26), (27, 34), (35, 44), (45, 54), (55, 67)]


def leeftijdsband(leeftijd: int) -> str:
    for laag, hoog in LEEFTIJDSBANDEN:
        if laag <= leeftijd <= hoog:
            return f"{laag}-{hoog}"
    raise ValueError(leeftijd)


def keuzes(woorden: dict[str, str]) -> list[tuple[str, str]]:
    return list(woorden.items())
