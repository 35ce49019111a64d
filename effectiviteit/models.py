from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models

from effectiviteit import woorden
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
        "aanleverende partij", max_length=20, choices=woorden.keuzes(woorden.PARTIJEN)
    )
    doelgroep = models.CharField(
        "doelgroep", max_length=20, choices=woorden.keuzes(woorden.DOELGROEPEN)
    )
    leeftijdsband = models.CharField("leeftijdsband", max_length=5, blank=True)
    startkwalificatie = models.BooleanField("startkwalificatie", null=True, blank=True)
    sector = models.ForeignKey(Sector, verbose_name="sector", on_delete=models.PROTECT)
    crebo = models.CharField("crebo", max_length=5, blank=True)
    beoogd_bewijsstuk = models.CharField(
        "beoogd bewijsstuk", max_length=20, choices=woorden.keuzes(woorden.BEWIJSSTUKKEN)
    )
    startdatum = models.DateField("startdatum")
    einddatum = models.DateField("einddatum", null=True, blank=True)
    status = models.CharField("status", max_length=12, choices=woorden.keuzes(woorden.STATUSSEN))
    behaald_bewijsstuk = models.CharField(
        "behaald bewijsstuk", max_length=20, blank=True, choices=woorden.keuzes(woorden.BEHAALD)
    )
    uitvalreden = models.CharField(
        "uitvalreden", max_length=30, blank=True, choices=woorden.keuzes(woorden.UITVALREDENEN)
    )
    vervolg = models.CharField(
        "vervolg", max_length=20, blank=True, choices=woorden.keuzes(woorden.VERVOLGEN)
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

    class Meta:
        verbose_name = "traject"
        verbose_name_plural = "trajecten"
        constraints = [
            models.UniqueConstraint(fields=["regio", "pseudoniem"], name="traject_uniek_per_regio")
        ]
        indexes = [
            models.Index(fields=["regio", "startdatum"], name="traject_regio_start"),
            models.Index(fields=["startdatum"], name="traject_start"),
            # Cohorts with two or more of these are read from rows: nationally by skipping
            # over the regions (a B-tree skip scan), per region as one range.
            models.Index(
                fields=["sector", "doelgroep", "aanleverende_partij", "regio", "startdatum"],
                name="traject_combinatie_regio",
            ),
            models.Index(
                fields=["synthetisch"],
                name="traject_synthetisch",
                condition=models.Q(synthetisch=True),
            ),
        ]

    def __str__(self) -> str:
        return f"traject {self.pseudoniem[:10]}… ({self.regio})"


# The counters of a cohort that the figures need, one column each in the summary table.
TELLERS = [
    "n",
    *(f"status_{code}" for code in woorden.STATUSSEN),
    *(f"behaald_{code}" for code in woorden.BEHAALD),
    *(f"uitval_{code}" for code in woorden.UITVALREDENEN),
    *(f"vervolg_{code}" for code in woorden.VERVOLGEN),
]


def kolomnaam(teller: str) -> str:
    return teller.replace("-", "_")


ALLE_REGIO = 0  # regio_id / sector_id of a summary row that spans every region / sector
ALLE = ""  # doelgroep / aanleverende_partij of a summary row that spans all of them
VAK_DAGEN = 32  # width of the duration classes of Kubusvak
# Class totals kept in a row of Kubuscel or Kubusdag; the last class holds every longer
# duration (the median then reads the days of all those classes from Kubusvak).
VAKKEN = 24


class Kubuscel(models.Model):
    """Pre-aggregated counts per start month for every combination of regio, sector,
    doelgroep and aanleverende partij, each either one value or all of them (0 / ""),
    except one region with one value of all three others (those cohorts are small and
    counted from their rows); kept current by every write of trajectories, in the same
    transaction. ``vakken``: ended trajectories per duration class, for the combinations
    that Kubusvak holds (the median's first step reads one row per month)."""

    regio_id = models.IntegerField()
    sector_id = models.IntegerField()
    doelgroep = models.CharField(max_length=20, blank=True)
    aanleverende_partij = models.CharField(max_length=20, blank=True)
    maand = models.DateField()
    vakken = ArrayField(models.IntegerField(), size=VAKKEN, null=True)

    class Meta:
        verbose_name = "telling per maand"
        constraints = [
            models.UniqueConstraint(
                fields=["regio_id", "sector_id", "doelgroep", "aanleverende_partij", "maand"],
                name="kubuscel_sleutel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.maand:%Y-%m} {self.regio_id} {self.sector_id} {self.doelgroep} "


for _teller in TELLERS:
    Kubuscel.add_to_class(kolomnaam(_teller), models.IntegerField(default=0))


class Kubusvak(models.Model):
    """Histogram of durations of ended trajectories per start month, in classes of
    VAK_DAGEN days, for the combinations of Kubuscel with at most one of sector, doelgroep
    or aanleverende partij: ``aantal`` per class and ``dagen`` with the count of each of
    its days, so the median of those cohorts is exact without reading rows."""

    regio_id = models.IntegerField()
    sector_id = models.IntegerField()
    doelgroep = models.CharField(max_length=20, blank=True)
    aanleverende_partij = models.CharField(max_length=20, blank=True)
    maand = models.DateField()
    vak = models.IntegerField()
    aantal = models.IntegerField()
    # dagen[i] (0-based here, 1-based in SQL): trajectories of exactly vak * VAK_DAGEN + i days.
    dagen = ArrayField(models.IntegerField(), size=VAK_DAGEN)

    class Meta:
        verbose_name = "duurklasse per maand"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "regio_id",
                    "sector_id",
                    "doelgroep",
                    "aanleverende_partij",
                    "maand",
                    "vak",
                ],
                name="kubusvak_sleutel",
            )
        ]

    def __str__(self) -> str:
        return f"{self.maand:%Y-%m} {self.regio_id} {self.sector_id}: klasse {self.vak}"


class Kubusdag(models.Model):
    """Counts of all trajectories per start day, nationally and without other filters:
    the partial months at the edges of a national period, without reading rows."""

    dag = models.DateField(primary_key=True)
    vakken = ArrayField(models.IntegerField(), size=VAKKEN)  # as in Kubuscel

    class Meta:
        verbose_name = "telling per dag"

    def __str__(self) -> str:
        return f"{self.dag:%Y-%m-%d}"


for _teller in TELLERS:
    Kubusdag.add_to_class(kolomnaam(_teller), models.IntegerField(default=0))


class Kubusdagvak(models.Model):
    """Kubusvak per start day, nationally and without other filters (the median of the
    partial months at the edges of a national period)."""

    dag = models.DateField()
    vak = models.IntegerField()
    aantal = models.IntegerField()
    dagen = ArrayField(models.IntegerField(), size=VAK_DAGEN)

    class Meta:
        verbose_name = "duurklasse per dag"
        constraints = [models.UniqueConstraint(fields=["dag", "vak"], name="kubusdagvak_sleutel")]

    def __str__(self) -> str:
        return f"{self.dag:%Y-%m-%d}: klasse {self.vak}"
