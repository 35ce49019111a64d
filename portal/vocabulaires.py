"""The fixed vocabularies of imports, filters and figures, shared by all apps.

Codes are lower-case; input is matched case-insensitively (see :func:`code_opzoeken`).
"""

from django.db import models


class Doelgroep(models.TextChoices):
    WW = "ww", "WW-uitkering"
    BIJSTAND = "bijstand", "Bijstand"
    WAJONG = "wajong", "Wajong"
    NUG = "nug", "Niet-uitkeringsgerechtigd (nug)"
    WERKEND = "werkend", "Werkend"
    STATUSHOUDER = "statushouder", "Statushouder"
    OVERIG = "overig", "Overig"


class Bewijsstuk(models.TextChoices):
    PRAKTIJKVERKLARING = "praktijkverklaring", "Praktijkverklaring"
    MBO_CERTIFICAAT = "mbo-certificaat", "Mbo-certificaat"
    MBO_DIPLOMA = "mbo-diploma", "Mbo-diploma"


# A recorded outcome: one of the bewijsstukken, or none.
BehaaldBewijsstuk = models.TextChoices(
    "BehaaldBewijsstuk",
    [(lid.name, (lid.value, lid.label)) for lid in Bewijsstuk]
    + [("GEEN", ("geen", "Geen bewijsstuk"))],
)


class AanleverendePartij(models.TextChoices):
    UWV = "uwv", "UWV"
    GEMEENTE = "gemeente", "Gemeente"
    WERKGEVER = "werkgever", "Werkgever"
    SW_BEDRIJF = "sw-bedrijf", "Sw-bedrijf"
    MBO_INSTELLING = "mbo-instelling", "Mbo-instelling"
    LEERWERKLOKET = "leerwerkloket", "Leerwerkloket"
    OVERIG = "overig", "Overig"


class Trajectstatus(models.TextChoices):
    LOPEND = "lopend", "Lopend"
    AFGEROND = "afgerond", "Afgerond"
    UITGEVALLEN = "uitgevallen", "Uitgevallen"


class Uitvalreden(models.TextChoices):
    WERK_GEVONDEN = "werk-gevonden", "Werk gevonden"
    GEZONDHEID = "gezondheid", "Gezondheid"
    MOTIVATIE = "motivatie", "Motivatie"
    WERKGEVER_GESTOPT = "werkgever-gestopt", "Werkgever gestopt"
    PERSOONLIJKE_OMSTANDIGHEDEN = "persoonlijke-omstandigheden", "Persoonlijke omstandigheden"
    NIVEAU_TE_HOOG = "niveau-te-hoog", "Niveau te hoog"
    OVERIG = "overig", "Overig"


class Vervolg(models.TextChoices):
    DUURZAME_BAAN = "duurzame-baan", "Duurzame baan"
    TIJDELIJKE_BAAN = "tijdelijke-baan", "Tijdelijke baan"
    ONDERWIJS = "onderwijs", "Onderwijs"
    GEEN_WERK = "geen-werk", "Geen werk"
    ONBEKEND = "onbekend", "Onbekend"


# Code -> label, as the trajectory import, the figures and the dashboard use them.
DOELGROEPEN = dict(Doelgroep.choices)
BEWIJSSTUKKEN = dict(Bewijsstuk.choices)
BEHAALD = dict(BehaaldBewijsstuk.choices)
PARTIJEN = dict(AanleverendePartij.choices)
STATUSSEN = dict(Trajectstatus.choices)
UITVALREDENEN = dict(Uitvalreden.choices)
VERVOLGEN = dict(Vervolg.choices)


# Age is never stored with a trajectory, only the band it falls in (bounds inclusive).
LEEFTIJDSBANDEN = [(15, 17), (18, 22), (23, 26), (27, 34), (35, 44), (45, 54), (55, 67)]


def leeftijdsband(leeftijd: int) -> str:
    for laag, hoog in LEEFTIJDSBANDEN:
        if laag <= leeftijd <= hoog:
            return f"{laag}-{hoog}"
    raise ValueError(leeftijd)


def code_opzoeken(keuzes: type[models.TextChoices], waarde) -> str | None:
    """The code of ``keuzes`` that ``waarde`` names, ignoring case and surrounding spaces."""
    if waarde is None:
        return None
    code = str(waarde).strip().casefold()
    return code if code in keuzes.values else None
