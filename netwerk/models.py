import contextlib
import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from netwerk.telefoon import telefoon_normaliseren, telefoon_valideren
from portal.models import Regio, Sector
from portal.validatie import een_regel_valideren
from portal.vocabulaires import Bewijsstuk


class Organisatiesoort(models.TextChoices):
    UWV = "uwv", "UWV"
    GEMEENTE = "gemeente", "Gemeente"
    LEERWERKLOKET = "leerwerkloket", "Leerwerkloket of Werkcentrum"
    MBO_INSTELLING = "mbo-instelling", "Mbo-instelling"
    SW_BEDRIJF = "sw-bedrijf", "Sw-bedrijf of sociaal ontwikkelbedrijf"
    WERKGEVERSSERVICEPUNT = "werkgeversservicepunt", "Werkgeversservicepunt"
    WERKGEVER = "werkgever", "Werkgever"
    OPLEIDER = "opleider", "Opleider"
    VAKBOND = "vakbond", "Vakbond"
    WERKGEVERSORGANISATIE = "werkgeversorganisatie", "Werkgeversorganisatie"
    OVERIG = "overig", "Overig"


class Rol(models.TextChoices):
    AMBASSADEUR = "ambassadeur", "Ambassadeur praktijkleren"
    ADVISEUR_LEERWERKLOKET = "adviseur-leerwerkloket", "Adviseur leerwerkloket"
    SPECIALIST = "specialist-praktijkleren", "Specialist praktijkleren"
    PROJECTLEIDER = "projectleider", "Projectleider"
    ACCOUNTMANAGER_WSP = "accountmanager-wsp", "Accountmanager werkgeversservicepunt"
    PRAKTIJKOPLEIDER = "praktijkopleider", "Praktijkopleider"
    JOBCOACH = "jobcoach", "Jobcoach"
    KLANTMANAGER = "klantmanager", "Klantmanager"


# The order in which a consultant looks for partners: the loket first, employers last.
SOORT_VOLGORDE = [
    Organisatiesoort.LEERWERKLOKET,
    Organisatiesoort.UWV,
    Organisatiesoort.GEMEENTE,
    Organisatiesoort.WERKGEVERSSERVICEPUNT,
    Organisatiesoort.MBO_INSTELLING,
    Organisatiesoort.SW_BEDRIJF,
    Organisatiesoort.OPLEIDER,
    Organisatiesoort.WERKGEVER,
    Organisatiesoort.WERKGEVERSORGANISATIE,
    Organisatiesoort.VAKBOND,
    Organisatiesoort.OVERIG,
]


# The people a consultant calls first; the region page shows them before anyone else.
SLEUTELROLLEN = (Rol.AMBASSADEUR, Rol.ADVISEUR_LEERWERKLOKET)

sleutel_help = "Vaste sleutel voor import en export; verandert niet als de naam verandert."


def verouderd_sinds(vandaag: datetime.date | None = None) -> datetime.date:
    """Entries checked before this date are 'mogelijk verouderd' (on ``vandaag``: today)."""
    vandaag = vandaag or timezone.localdate()
    return vandaag - datetime.timedelta(days=settings.NETWERK_VEROUDERD_NA_DAGEN)


class TelefoonNormaliserenMixin:
    """Stores ``telefoon`` in the portal's one spelling. An invalid number is left as is:
    the field's own validator reports it once, on the field."""

    def clean(self):
        super().clean()
        with contextlib.suppress(ValidationError):
            self.telefoon = telefoon_normaliseren(self.telefoon)


class ControleerbaarMixin:
    """An entry with a verification date (``gecontroleerd_op``)."""

    @property
    def mogelijk_verouderd(self) -> bool:
        return self.gecontroleerd_op < verouderd_sinds()


class Organisatie(TelefoonNormaliserenMixin, ControleerbaarMixin, models.Model):
    """An organisation a consultant works with on praktijkleren: UWV, a gemeente, the
    leerwerkloket, an mbo-instelling, an employer. Serves one or more regions."""

    sleutel = models.SlugField("sleutel", max_length=100, unique=True, help_text=sleutel_help)
    naam = models.CharField("naam", max_length=200, validators=[een_regel_valideren])
    soort = models.CharField("soort", max_length=30, choices=Organisatiesoort.choices)
    regios = models.ManyToManyField(
        Regio, verbose_name="regio's", related_name="netwerk_organisaties"
    )
    adres = models.CharField("adres", max_length=300, blank=True, validators=[een_regel_valideren])
    website = models.URLField("website", max_length=300, blank=True)
    telefoon = models.CharField(
        "algemeen telefoonnummer", max_length=20, blank=True, validators=[telefoon_valideren]
    )
    email = models.EmailField("algemeen e-mailadres", blank=True)
    omschrijving = models.TextField("omschrijving", blank=True)
    gecontroleerd_op = models.DateField(
        "laatst gecontroleerd op",
        default=timezone.localdate,
        help_text="Verandert alleen bij een controle, niet bij een gewone wijziging.",
    )
    bijgewerkt_op = models.DateTimeField("bijgewerkt op", auto_now=True)
    history = HistoricalRecords(verbose_name="historie organisatie")

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("netwerk:organisatie", args=[self.sleutel])

    def clean(self):
        super().clean()
        if self.pk and self.soort != Organisatiesoort.MBO_INSTELLING and self.erkenningen.exists():
            raise ValidationError(
                {"soort": "Deze organisatie heeft erkenningen en blijft daarom een mbo-instelling."}
            )


class Erkenning(models.Model):
    """An mbo-instelling's recognition to examine a kwalificatie in the derde leerweg:
    which bewijsstukken it can issue for work a candidate learns on the job."""

    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="mbo-instelling",
        on_delete=models.CASCADE,
        related_name="erkenningen",
    )
    kwalificatie = models.CharField(
        "kwalificatie", max_length=200, validators=[een_regel_valideren]
    )
    crebo = models.CharField(
        "crebonummer",
        max_length=5,
        validators=[RegexValidator(r"^\d{5}$", "Een crebonummer bestaat uit precies 5 cijfers.")],
    )
    sector = models.ForeignKey(
        Sector, verbose_name="sector", on_delete=models.PROTECT, related_name="+"
    )
    niveau = models.PositiveSmallIntegerField(
        "niveau",
        choices=[(n, f"Niveau {n}") for n in range(1, 5)],
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    bewijsstukken = ArrayField(
        models.CharField(max_length=20, choices=Bewijsstuk.choices),
        verbose_name="bewijsstukken",
        default=list,
        blank=True,
        help_text="Welke bewijsstukken de instelling voor deze kwalificatie kan afgeven.",
    )
    history = HistoricalRecords(verbose_name="historie erkenning")

    class Meta:
        verbose_name = "erkenning"
        verbose_name_plural = "erkenningen"
        ordering = ["sector__naam", "kwalificatie"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(niveau__gte=1, niveau__lte=4), name="erkenning_niveau_1_4"
            ),
            models.UniqueConstraint(
                fields=["organisatie", "crebo"], name="erkenning_uniek_per_instelling"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kwalificatie} ({self.crebo}, niveau {self.niveau})"

    def clean(self):
        # The derde leerweg is examined by mbo-instellingen only. In the admin's inline the
        # organisation is the form's unsaved instance, so a change of soort counts too.
        organisatie = getattr(self, "organisatie", None)
        if organisatie is not None and organisatie.soort != Organisatiesoort.MBO_INSTELLING:
            raise ValidationError(
                "Alleen een mbo-instelling kan een erkenning voor de derde leerweg hebben. "
                "Kies bij de organisatie de soort mbo-instelling of verwijder de erkenning."
            )

    @property
    def bewijsstukken_labels(self) -> list[str]:
        return [Bewijsstuk(b).label for b in self.bewijsstukken if b in Bewijsstuk.values]


class Contactpersoon(TelefoonNormaliserenMixin, ControleerbaarMixin, models.Model):
    """Someone in the region a consultant can call about praktijkleren: the ambassadeur,
    an adviser at the leerwerkloket, a jobcoach. Personal data: logged-in users only."""

    sleutel = models.SlugField("sleutel", max_length=100, unique=True, help_text=sleutel_help)
    naam = models.CharField("naam", max_length=200, validators=[een_regel_valideren])
    functie = models.CharField(
        "functie", max_length=200, blank=True, validators=[een_regel_valideren]
    )
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name="organisatie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contactpersonen",
    )
    rollen = ArrayField(
        models.CharField(max_length=30, choices=Rol.choices),
        verbose_name="rollen",
        default=list,
        blank=True,
    )
    sectoren = models.ManyToManyField(
        Sector, verbose_name="expertise per sector", blank=True, related_name="+"
    )
    instrumenten = models.ManyToManyField(
        "kennisbank.Instrument",
        verbose_name="expertise per instrument",
        blank=True,
        related_name="netwerk_experts",
    )
    email = models.EmailField("e-mailadres", blank=True)
    telefoon = models.CharField(
        "telefoonnummer", max_length=20, blank=True, validators=[telefoon_valideren]
    )
    regios = models.ManyToManyField(
        Regio, verbose_name="regio's", related_name="netwerk_contactpersonen"
    )
    actief = models.BooleanField(
        "actief", default=True, help_text="Uit: verborgen op het portaal, maar bewaard."
    )
    gecontroleerd_op = models.DateField(
        "laatst gecontroleerd op",
        default=timezone.localdate,
        help_text="Verandert alleen bij een controle, niet bij een gewone wijziging.",
    )
    # A fresh random value per verification e-mail; emptied once the link is used, which
    # makes the link single use and lets a new e-mail invalidate an older one.
    controle_nonce = models.CharField(max_length=64, blank=True, editable=False)
    bijgewerkt_op = models.DateTimeField("bijgewerkt op", auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["controle_nonce"], verbose_name="historie contactpersoon"
    )

    class Meta:
        verbose_name = "contactpersoon"
        verbose_name_plural = "contactpersonen"
        ordering = ["naam"]
        indexes = [models.Index(fields=["actief", "gecontroleerd_op"], name="persoon_controle")]

    def __str__(self) -> str:
        return self.naam

    def get_absolute_url(self) -> str:
        return reverse("netwerk:contactpersoon", args=[self.pk])

    def clean(self):
        super().clean()
        self.rollen = list(dict.fromkeys(self.rollen))

    @property
    def rollen_labels(self) -> list[str]:
        return [Rol(rol).label for rol in self.rollen if rol in Rol.values]


class OrganisatieTeControleren(Organisatie):
    """The admin's 'te controleren' list of organisations."""

    class Meta:
        proxy = True
        verbose_name = "organisatie te controleren"
        verbose_name_plural = "te controleren: organisaties"


class ContactpersoonTeControleren(Contactpersoon):
    """The admin's 'te controleren' list of persons, from which verification e-mails go out."""

    class Meta:
        proxy = True
        verbose_name = "contactpersoon te controleren"
        verbose_name_plural = "te controleren: contactpersonen"


class Behandelstatus(models.TextChoices):
    OPEN = "open", "Open"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    AFGEHANDELD = "afgehandeld", "Afgehandeld"


class Correctie(TelefoonNormaliserenMixin, models.Model):
    """A change a person proposed to their own entry via the verification link; applied
    only once an ambassadeur of the region approves it."""

    contactpersoon = models.ForeignKey(
        Contactpersoon, on_delete=models.CASCADE, related_name="correcties"
    )
    regios = models.ManyToManyField(Regio, verbose_name="regio's", related_name="+")
    naam = models.CharField("naam", max_length=200, validators=[een_regel_valideren])
    functie = models.CharField(
        "functie", max_length=200, blank=True, validators=[een_regel_valideren]
    )
    email = models.EmailField("e-mailadres", blank=True)
    telefoon = models.CharField(
        "telefoonnummer", max_length=20, blank=True, validators=[telefoon_valideren]
    )
    toelichting = models.TextField("toelichting", blank=True, max_length=2000)
    status = models.CharField(
        "status", max_length=20, choices=Behandelstatus.choices, default=Behandelstatus.OPEN
    )
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)
    behandeld_op = models.DateTimeField("behandeld op", null=True, blank=True)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="behandeld door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "correctie"
        verbose_name_plural = "correcties"
        ordering = ["-ingediend_op"]

    def __str__(self) -> str:
        return f"Correctie van {self.ingediend_op:%d-%m-%Y}" if self.ingediend_op else "Correctie"


class Foutmelding(models.Model):
    """A logged-in user's report that an organisation or person in the network is wrong;
    lands with the ambassadeurs of the regions involved."""

    organisatie = models.ForeignKey(
        Organisatie,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="foutmeldingen",
    )
    contactpersoon = models.ForeignKey(
        Contactpersoon,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="foutmeldingen",
    )
    regios = models.ManyToManyField(Regio, verbose_name="regio's", related_name="+")
    melding = models.TextField("wat klopt er niet?", max_length=2000)
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gemeld door",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    gemeld_op = models.DateTimeField("gemeld op", auto_now_add=True)
    status = models.CharField(
        "status", max_length=20, choices=Behandelstatus.choices, default=Behandelstatus.OPEN
    )

    class Meta:
        verbose_name = "foutmelding"
        verbose_name_plural = "foutmeldingen"
        ordering = ["-gemeld_op"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisatie__isnull=False)
                | models.Q(contactpersoon__isnull=False),
                name="foutmelding_heeft_onderwerp",
            )
        ]

    def __str__(self) -> str:
        return f"Foutmelding van {self.gemeld_op:%d-%m-%Y}" if self.gemeld_op else "Foutmelding"


class Exportlog(models.Model):
    """Who downloaded which part of the directory, and when."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True)
    regio = models.ForeignKey(Regio, on_delete=models.PROTECT, related_name="+")
    formaat = models.CharField("formaat", max_length=10)
    filters = models.CharField("filters", max_length=500, blank=True)
    aantal_personen = models.PositiveIntegerField("aantal personen")

    class Meta:
        verbose_name = "export"
        verbose_name_plural = "exportlog"
        ordering = ["-tijdstip"]

    def __str__(self) -> str:
        return f"Export {self.formaat} {self.tijdstip:%d-%m-%Y %H:%M}"


class Wisregistratie(models.Model):
    """Proof that a person's data was erased on request: when, by whom, how much. Holds
    no personal data itself, only the former internal number."""

    tijdstip = models.DateTimeField("tijdstip", auto_now_add=True)
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    contactpersoon_id = models.PositiveBigIntegerField("voormalig intern nummer")
    historieregels = models.PositiveIntegerField("gewiste historieregels")

    class Meta:
        verbose_name = "wisregistratie"
        verbose_name_plural = "wisregistraties"
        ordering = ["-tijdstip"]

    def __str__(self) -> str:
        return f"Gewist op {self.tijdstip:%d-%m-%Y}"
