from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from effectiviteit.celsleutel import nieuwe_recordsleutel
from portal import vocabulaires
from portal.models import Regio, Sector


class Importbatch(models.Model):
    """One upload of trajectory data by an ambassadeur or beheerder: the audit trail of
    who loaded which file for which regions, and what came of it."""

    class Resultaat(models.TextChoices):
        GELUKT = "gelukt", "Gelukt"
        AFGEWEZEN = "afgewezen", "Afgewezen"
        PROEFRUN = "proefrun", "Proefrun (niets opgeslagen)"

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ingelezen door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField("ingelezen op", auto_now_add=True)
    bestandsnaam = models.CharField("bestandsnaam", max_length=255)
    sha256 = models.CharField("SHA-256 van het bestand", max_length=64)
    regios = models.ManyToManyField(Regio, verbose_name="regio's", blank=True, related_name="+")
    proefrun = models.BooleanField("proefrun", default=False)
    resultaat = models.CharField("resultaat", max_length=20, choices=Resultaat.choices)
    aantal_rijen = models.PositiveIntegerField("rijen", default=0)
    aantal_nieuw = models.PositiveIntegerField("nieuw", default=0)
    aantal_bijgewerkt = models.PositiveIntegerField("bijgewerkt", default=0)
    fouten = models.JSONField("fouten", default=list, blank=True)

    class Meta:
        verbose_name = "import van trajecten"
        verbose_name_plural = "imports van trajecten"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.aangemaakt_op:%d-%m-%Y %H:%M})"


class Traject(models.Model):
    """One person's praktijkleren trajectory as reported by a region: pseudonymised
    (a keyed hash of the source id, an age band instead of the age), so the portal
    can count outcomes without knowing who anyone is."""

    regio = models.ForeignKey(Regio, verbose_name="regio", on_delete=models.PROTECT)
    pseudoniem = models.CharField("pseudoniem", max_length=64)
    aanleverende_partij = models.CharField(
        "aanleverende partij", max_length=20, choices=vocabulaires.AanleverendePartij.choices
    )
    doelgroep = models.CharField("doelgroep", max_length=20, choices=vocabulaires.Doelgroep.choices)
    leeftijdsband = models.CharField("leeftijdsband", max_length=5, blank=True)
    startkwalificatie = models.BooleanField("startkwalificatie", null=True, blank=True)
    sector = models.ForeignKey(Sector, verbose_name="sector", on_delete=models.PROTECT)
    crebo = models.CharField("crebo", max_length=5, blank=True)
    beoogd_bewijsstuk = models.CharField(
        "beoogd bewijsstuk", max_length=20, choices=vocabulaires.Bewijsstuk.choices
    )
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    status = models.CharField("status", max_length=12, choices=vocabulaires.Trajectstatus.choices)
    behaald_bewijsstuk = models.CharField(
        "behaald bewijsstuk",
        max_length=20,
        blank=True,
        choices=vocabulaires.BehaaldBewijsstuk.choices,
    )
    uitvalreden = models.CharField(
        "uitvalreden", max_length=30, blank=True, choices=vocabulaires.Uitvalreden.choices
    )
    vervolg = models.CharField(
        "vervolg", max_length=20, blank=True, choices=vocabulaires.Vervolg.choices
    )
    synthetisch = models.BooleanField("synthetisch (demo)", default=False)
    importbatch = models.ForeignKey(
        Importbatch,
        verbose_name="laatste import",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bijgewerkt_op = models.DateTimeField("bijgewerkt op", auto_now=True)
    # Fixed from the first import on; never shown, exported or sent (see celsleutel).
    recordsleutel = models.PositiveSmallIntegerField(default=nieuwe_recordsleutel, editable=False)

    class Meta:
        verbose_name = "traject"
        verbose_name_plural = "trajecten"
        constraints = [
            models.UniqueConstraint(fields=["regio", "pseudoniem"], name="traject_uniek_per_regio")
        ]
        indexes = [
            models.Index(fields=["regio", "startdatum"], name="traject_regio_start"),
            models.Index(fields=["startdatum"], name="traject_start"),
            models.Index(
                fields=["synthetisch"],
                name="traject_synthetisch",
                condition=models.Q(synthetisch=True),
            ),
        ]

    def __str__(self) -> str:
        return f"traject {self.pseudoniem[:10]}… ({self.regio})"


# The counters of a cohort, each a cell of its own with its own key (README: Privacy).
TELLERS = [
    "n",
    *(f"status_{code}" for code in vocabulaires.STATUSSEN),
    *(f"behaald_{code}" for code in vocabulaires.BEHAALD),
    "met_bewijsstuk",
    *(f"uitval_{code}" for code in vocabulaires.UITVALREDENEN),
    *(f"vervolg_{code}" for code in vocabulaires.VERVOLGEN),
]


def kolomnaam(teller: str) -> str:
    return teller.replace("-", "_")


def sleutelkolom(teller: str) -> str:
    return f"{kolomnaam(teller)}_sleutel"


ALLE_ID = 0  # regio_id / sector_id of a summary row that spans every region / sector
ALLE = ""  # doelgroep / aanleverende_partij of a summary row that spans all of them


class Kwartaaltelling(models.Model):
    """The figures of the trajectories that started in one calendar quarter, for one cell
    (a region with one value of sector, doelgroep and aanleverende partij) or, with
    regio 0, for the whole country with each of those one value or all of them (0 / ""):
    per counter the count and the sum of the record keys, and the durations of the ended
    ones as a histogram (``duren`` ascending, ``duuraantallen`` how many of each; on the
    cells and on national rows with at most one of the three). Rebuilt by every import
    for the regions and quarters it touched."""

    kwartaal = models.DateField()
    regio_id = models.IntegerField()
    sector_id = models.IntegerField()
    doelgroep = models.CharField(max_length=20, blank=True)
    aanleverende_partij = models.CharField(max_length=20, blank=True)
    duren = ArrayField(models.IntegerField(), default=list)
    duuraantallen = ArrayField(models.IntegerField(), default=list)

    class Meta:
        verbose_name = "telling per kwartaal"
        verbose_name_plural = "tellingen per kwartaal"
        constraints = [
            models.UniqueConstraint(
                fields=["regio_id", "sector_id", "doelgroep", "aanleverende_partij", "kwartaal"],
                name="kwartaaltelling_sleutel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kwartaal:%Y-%m} {self.regio_id} {self.sector_id} {self.doelgroep}"


for _teller in TELLERS:
    Kwartaaltelling.add_to_class(kolomnaam(_teller), models.IntegerField(default=0))
    Kwartaaltelling.add_to_class(sleutelkolom(_teller), models.BigIntegerField(default=0))


class Cijferopvraging(models.Model):
    """One request for figures (dashboard, factsheet, CSV, API): who asked which cohort
    when, never what came back, so the beheerder can see someone trying to take the
    figures apart by asking many overlapping cohorts."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)
    bron = models.CharField("via", max_length=20)
    filters = models.JSONField("filters")

    class Meta:
        verbose_name = "opvraging van cijfers"
        verbose_name_plural = "opvragingen van cijfers"
        ordering = ["-tijdstip"]

    def __str__(self) -> str:
        return f"{self.bron} {self.tijdstip:%d-%m-%Y %H:%M}"
