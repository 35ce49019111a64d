from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.db import models


class Regio(models.Model):
    """One of the 35 arbeidsmarktregio's: the unit in which UWV, gemeenten, onderwijs
    and werkgevers work together, and the unit that owns content in this portal."""

    slug = models.SlugField("slug", max_length=60, unique=True)
    naam = models.CharField("naam", max_length=100, unique=True)
    andere_namen = ArrayField(
        models.CharField(max_length=100), verbose_name="andere namen", default=list, blank=True
    )
    gemeenten = ArrayField(
        models.CharField(max_length=100),
        verbose_name="voorbeeldgemeenten",
        default=list,
        blank=True,
    )

    class Meta:
        verbose_name = "arbeidsmarktregio"
        verbose_name_plural = "arbeidsmarktregio's"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Sector(models.Model):
    """One of the eight SBB sectorkamers that group mbo-kwalificaties by branch."""

    slug = models.SlugField("slug", max_length=60, unique=True)
    naam = models.CharField("naam", max_length=100, unique=True)

    class Meta:
        verbose_name = "sector"
        verbose_name_plural = "sectoren"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gebruiker(AbstractUser):
    """A person who logs in: consultant, ambassadeur, manager, redacteur or beheerder.
    The role is a group; the regions say whose content an ambassadeur may keep."""

    regios = models.ManyToManyField(
        Regio, verbose_name="regio's", blank=True, related_name="gebruikers"
    )

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"


class Herinneringsoort(models.TextChoices):
    WEEKOVERZICHT = "weekoverzicht", "Weekoverzicht aan de ambassadeur"
    CONTROLEVERZOEK = "controleverzoek", "Controleverzoek aan de contactpersoon"
    HERINNERING = "herinnering", "Herinnering aan de contactpersoon"
    GEEN_REACTIE = "geen-reactie", "Geen reactie: bericht aan de ambassadeur"


class Herinnering(models.Model):
    """An e-mail the portal sends by itself to keep the content current: the weekly
    overview for an ambassadeur, or a step of the verification of a contact person.

    One row per reason, recipient, person and period, so that running the reminders again
    (or on two workers at once) never sends the same e-mail twice. Holds no personal data
    of the contact person, only the internal number.
    """

    soort = models.CharField("soort", max_length=20, choices=Herinneringsoort.choices)
    ontvanger = models.ForeignKey(
        Gebruiker,
        verbose_name="ontvanger",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Leeg: de contactpersoon zelf.",
    )
    contactpersoon_id = models.PositiveBigIntegerField(
        "intern nummer contactpersoon", null=True, blank=True
    )
    periode = models.CharField(
        "periode",
        max_length=20,
        help_text="De week van een weekoverzicht (zoals 2026-W10); bij een contactpersoon "
        "de datum van de laatste controle waar de herinnering bij hoort.",
    )
    ingepland_op = models.DateTimeField(
        "ingepland op", help_text="Toen de e-mail klaargezet werd voor de worker."
    )

    class Meta:
        verbose_name = "herinnering"
        verbose_name_plural = "herinneringen"
        ordering = ["-ingepland_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["soort", "ontvanger", "contactpersoon_id", "periode"],
                nulls_distinct=False,
                name="herinnering_eenmaal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.periode})"


class Achtergrondtaak(models.Model):
    """Work the portal does in the background for a user, such as reading in a large
    import file: what it is, how far it got while it runs, and how it ended. Its status
    page shows this to the user who asked for it (and to the beheerder)."""

    class Soort(models.TextChoices):
        TRAJECTEN_IMPORT = "trajecten-import", "trajecten inlezen"
        NETWERK_IMPORT = "netwerk-import", "netwerk inlezen"

    class Status(models.TextChoices):
        WACHTEND = "wachtend", "wacht op verwerking"
        BEZIG = "bezig", "bezig"
        GELUKT = "gelukt", "klaar"
        MISLUKT = "mislukt", "mislukt"

    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.WACHTEND
    )
    aangevraagd_door = models.ForeignKey(
        Gebruiker,
        verbose_name="aangevraagd door",
        on_delete=models.SET_NULL,
        null=True,
        related_name="achtergrondtaken",
    )
    bestandsnaam = models.CharField("bestandsnaam", max_length=255, blank=True)
    # The uploaded file's name on the default storage while the job needs it; emptied
    # once the job has removed the file.
    bestand = models.CharField("opgeslagen bestand", max_length=255, blank=True)
    parameters = models.JSONField("parameters", default=dict, blank=True)
    job_id = models.BigIntegerField("taak in de wachtrij", null=True, blank=True)
    gelezen = models.PositiveIntegerField("rijen gelezen", default=0)
    totaal = models.PositiveIntegerField("rijen (ongeveer)", null=True, blank=True)
    fouten = models.PositiveIntegerField("fouten", default=0)
    melding = models.TextField("melding", blank=True)
    resultaat = models.JSONField("resultaat", default=dict, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    gestart_op = models.DateTimeField("gestart op", null=True, blank=True)
    klaar_op = models.DateTimeField("klaar op", null=True, blank=True)

    class Meta:
        verbose_name = "achtergrondtaak"
        verbose_name_plural = "achtergrondtaken"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.get_status_display()})"

    @property
    def is_klaar(self) -> bool:
        return self.status in (self.Status.GELUKT, self.Status.MISLUKT)
