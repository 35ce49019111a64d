import datetime
from typing import ClassVar

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from kennisbank.bestanden import materiaal_pad
from kennisbank.validatie import (
    LEEFTIJD_MAX,
    LEEFTIJD_MIN,
    geldigheid_fout,
    jaar_valideren,
    leeftijden_fout,
    materiaalbron_fout,
    slug_valideren,
    webadres_valideren,
    webadressen_valideren,
)
from portal.models import Regio, Sector
from portal.validatie import een_regel_valideren
from portal.vocabulaires import Bewijsstuk, Doelgroep

# The Dutch text search configuration with accents folded; made in migration 0001.
ZOEKCONFIG = "portaal_nl"

# Derived columns: recomputed from the other fields, so not worth keeping in the history.
NIET_IN_HISTORIE = ["zoekvector", "rangvector", "inhoud_html"]


def _standaard_controleren_voor() -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=365)


class Itemtype(models.TextChoices):
    INSTRUMENT = "instrument", "Instrument"
    PRAKTIJKVOORBEELD = "praktijkvoorbeeld", "Praktijkvoorbeeld"
    MATERIAAL = "materiaal", "Materiaal"


class Publicatiestatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    GEPUBLICEERD = "gepubliceerd", "Gepubliceerd"
    GEARCHIVEERD = "gearchiveerd", "Gearchiveerd"


class Kennisitem(models.Model):
    """Anything in the kennisbank a consultant can find: an instrument, a praktijkvoorbeeld
    or a materiaal. The shared fields live here so that one index serves site-wide search."""

    type = models.CharField("type", max_length=20, choices=Itemtype.choices, editable=False)
    titel = models.CharField("titel", max_length=200, validators=[een_regel_valideren])
    slug = models.SlugField("slug", max_length=200, validators=[slug_valideren])
    samenvatting = models.CharField("samenvatting", max_length=400)
    inhoud = models.TextField("inhoud (Markdown)", blank=True)
    inhoud_html = models.TextField("inhoud (veilige HTML)", blank=True, editable=False)
    sectoren = models.ManyToManyField(Sector, verbose_name="sectoren", blank=True, related_name="+")
    doelgroepen = ArrayField(
        models.CharField(max_length=20, choices=Doelgroep.choices),
        verbose_name="doelgroepen",
        default=list,
        blank=True,
    )
    bewijsstukken = ArrayField(
        models.CharField(max_length=20, choices=Bewijsstuk.choices),
        verbose_name="bewijsstukken",
        default=list,
        blank=True,
    )
    regio = models.ForeignKey(
        Regio,
        verbose_name="regio",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Leeg: landelijk.",
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=Publicatiestatus.choices,
        default=Publicatiestatus.CONCEPT,
    )
    publiek = models.BooleanField(
        "openbaar",
        default=True,
        help_text="Uit: alleen zichtbaar voor ingelogde professionals.",
    )
    links = ArrayField(
        models.URLField(max_length=500),
        verbose_name="links",
        default=list,
        blank=True,
        validators=[webadressen_valideren],
    )
    gecontroleerd_op = models.DateField("laatst gecontroleerd op", default=timezone.localdate)
    controleren_voor = models.DateField(
        "opnieuw controleren vóór", default=_standaard_controleren_voor
    )
    gepubliceerd_op = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    bijgewerkt_op = models.DateTimeField("bijgewerkt op", auto_now=True)
    zoekvector = models.GeneratedField(
        expression=(
            SearchVector("titel", weight="A", config=ZOEKCONFIG)
            + SearchVector("samenvatting", weight="B", config=ZOEKCONFIG)
            + SearchVector("inhoud", weight="C", config=ZOEKCONFIG)
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    # Ranking reads only titel and samenvatting: a short vector kept in the row (migration
    # 0003 stores it PLAIN), so ranking many matches never reads the long text's vector.
    rangvector = models.GeneratedField(
        expression=(
            SearchVector("titel", weight="A", config=ZOEKCONFIG)
            + SearchVector("samenvatting", weight="B", config=ZOEKCONFIG)
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = "kennisbankitem"
        verbose_name_plural = "kennisbankitems"
        constraints = [
            models.UniqueConstraint(fields=["type", "slug"], name="kennisitem_uniek_per_type"),
        ]
        indexes = [
            # Search only ever reads published items, anonymous visitors only public ones:
            # an index per audience holds only those rows, so counting the matches needs
            # no check of status and publiek on the rows themselves (~40% less time).
            GinIndex(
                fields=["zoekvector"],
                name="kennisitem_zoek_openbaar",
                condition=models.Q(status=Publicatiestatus.GEPUBLICEERD, publiek=True),
            ),
            GinIndex(
                fields=["zoekvector"],
                name="kennisitem_zoek_gepubliceerd",
                condition=models.Q(status=Publicatiestatus.GEPUBLICEERD),
            ),
            models.Index(fields=["type", "status", "publiek"], name="kennisitem_zichtbaar"),
        ]

    # The type a concrete kind of item always has; set on new instances in __init__.
    itemtype: ClassVar[str] = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only when unset: a row read from the database brings its own type, and a
        # deferred type must stay deferred rather than cost a query.
        if self.itemtype and self.__dict__.get("type") == "":
            self.type = self.itemtype

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse(f"kennisbank:{self.type}", kwargs={"slug": self.slug})

    @property
    def doelgroep_labels(self) -> list[str]:
        return [Doelgroep(code).label for code in self.doelgroepen if code in Doelgroep.values]

    @property
    def bewijsstuk_labels(self) -> list[str]:
        return [Bewijsstuk(code).label for code in self.bewijsstukken if code in Bewijsstuk.values]


class Zoekwoord(models.Model):
    """A word that once occurred in a published public item: the candidates that "bedoelde
    u ...?" suggestions are drawn from. Words are only ever added (by the services that
    write items); a suggestion is only made when visible items still hold the word."""

    woord = models.CharField("woord", max_length=100, primary_key=True)

    class Meta:
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"
        indexes = [
            GinIndex(OpClass("woord", name="gin_trgm_ops"), name="zoekwoord_trigram"),
        ]

    def __str__(self) -> str:
        return self.woord


class Instrumentsoort(models.TextChoices):
    BEWIJSSTUK = "bewijsstuk-opleidingsroute", "Bewijsstuk of opleidingsroute"
    FINANCIERING = "financiering-subsidie", "Financiering of subsidie"
    BEGELEIDING = "begeleiding", "Begeleiding"
    ADVIES = "advies-loket", "Advies of loket"
    WERKGEVER = "werkgeversinstrument", "Werkgeversinstrument"
    OVERIG = "overig", "Overig"


class Startkwalificatie(models.TextChoices):
    """An instrument's condition on the candidate's startkwalificatie (empty: none)."""

    JA = "ja", "Alleen met startkwalificatie"
    NEE = "nee", "Alleen zonder startkwalificatie"


_leeftijd_grenzen = [
    MinValueValidator(
        LEEFTIJD_MIN, f"Kies een leeftijd van {LEEFTIJD_MIN} tot en met {LEEFTIJD_MAX}."
    ),
    MaxValueValidator(
        LEEFTIJD_MAX, f"Kies een leeftijd van {LEEFTIJD_MIN} tot en met {LEEFTIJD_MAX}."
    ),
]


class Instrument(Kennisitem):
    """An instrument or regeling a consultant can use for a candidate: a route to a
    bewijsstuk, funding, support or an employer scheme. Schemes end: an ended one stays
    findable, plainly marked with its end date."""

    soort = models.CharField("soort", max_length=40, choices=Instrumentsoort.choices)
    geldig_van = models.DateField("geldig vanaf", null=True, blank=True)
    geldig_tot = models.DateField("geldig tot en met", null=True, blank=True)
    uitvoerder = models.CharField("uitgevoerd door", max_length=300, blank=True)
    kosten = models.TextField("kosten en financiering", blank=True)
    voorwaarden = models.TextField("voorwaarden", blank=True)
    # The criteria of the exchange format: who the instrument is for beyond doelgroepen and
    # sectoren, as plain columns so that the admin and the database check each on its own.
    leeftijd_min = models.PositiveSmallIntegerField(
        "leeftijd vanaf",
        null=True,
        blank=True,
        validators=_leeftijd_grenzen,
        help_text="In hele jaren, inclusief. Leeg: geen ondergrens.",
    )
    leeftijd_max = models.PositiveSmallIntegerField(
        "leeftijd tot en met",
        null=True,
        blank=True,
        validators=_leeftijd_grenzen,
        help_text="In hele jaren, inclusief. Leeg: geen bovengrens.",
    )
    startkwalificatie = models.CharField(
        "startkwalificatie",
        max_length=3,
        choices=Startkwalificatie.choices,
        blank=True,
        help_text="Leeg: maakt niet uit. Een startkwalificatie is een mbo-diploma op niveau 2 "
        "of hoger, een havo- of vwo-diploma.",
    )
    history = HistoricalRecords(
        excluded_fields=NIET_IN_HISTORIE, verbose_name="historie instrument"
    )

    itemtype = Itemtype.INSTRUMENT

    class Meta:
        verbose_name = "instrument"
        verbose_name_plural = "instrumenten"

    def clean(self):
        super().clean()
        fouten = {}
        fout = geldigheid_fout(self.geldig_van, self.geldig_tot)
        if fout:
            fouten["geldig_tot"] = f"Deze datum {fout}."
        fout = leeftijden_fout(self.leeftijd_min, self.leeftijd_max)
        if fout:
            fouten["leeftijd_max"] = f"Deze leeftijd {fout}."
        if fouten:
            raise ValidationError(fouten)

    @property
    def criteria(self) -> dict:
        """The exchange format's criteria object (``null`` for each condition not set)."""
        return {
            "leeftijd_min": self.leeftijd_min,
            "leeftijd_max": self.leeftijd_max,
            "startkwalificatie": self.startkwalificatie or None,
        }

    @property
    def is_beeindigd(self) -> bool:
        return self.geldig_tot is not None and self.geldig_tot < timezone.localdate()


class Stap(models.Model):
    """One step of an instrument's fixed route, e.g. on the way to a praktijkverklaring."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="stappen")
    volgorde = models.PositiveSmallIntegerField("volgorde", default=1)
    titel = models.CharField("stap", max_length=200, validators=[een_regel_valideren])
    toelichting = models.TextField("toelichting", blank=True)
    history = HistoricalRecords(verbose_name="historie stap")

    class Meta:
        verbose_name = "stap"
        verbose_name_plural = "stappen"
        ordering = ["instrument", "volgorde", "id"]

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.titel}"


class Praktijkvoorbeeld(Kennisitem):
    """How praktijkleren worked out somewhere: sector, region, the bewijsstuk obtained,
    the instruments used and the result. Never a candidate's personal data."""

    jaar = models.PositiveSmallIntegerField("jaar", validators=[jaar_valideren])
    resultaat = models.TextField("resultaat", blank=True)
    citaat = models.TextField("citaat (anoniem)", blank=True)
    instrumenten = models.ManyToManyField(
        Instrument,
        verbose_name="gebruikte instrumenten",
        blank=True,
        related_name="praktijkvoorbeelden",
    )
    history = HistoricalRecords(
        excluded_fields=NIET_IN_HISTORIE, verbose_name="historie praktijkvoorbeeld"
    )

    itemtype = Itemtype.PRAKTIJKVOORBEELD

    class Meta:
        verbose_name = "praktijkvoorbeeld"
        verbose_name_plural = "praktijkvoorbeelden"


class Materiaalsoort(models.TextChoices):
    BROCHURE = "brochure", "Brochure"
    VIDEO = "video", "Video"
    PRESENTATIE = "presentatie", "Presentatie"
    HANDREIKING = "handreiking", "Handreiking"
    FACTSHEET = "factsheet", "Factsheet"
    FORMULIER = "formulier", "Formulier"


class Publiek(models.TextChoices):
    KANDIDAAT = "kandidaat", "Kandidaat"
    WERKGEVER = "werkgever", "Werkgever"
    PROFESSIONAL = "professional", "Professional"
    BESTUURDER = "bestuurder", "Bestuurder"


class Materiaal(Kennisitem):
    """Something to hand a candidate, an employer, a colleague or a bestuurder: a
    brochure, video, presentation, handreiking, factsheet or form; an uploaded file or a link."""

    soort = models.CharField("soort", max_length=20, choices=Materiaalsoort.choices)
    publiek_voor = ArrayField(
        models.CharField(max_length=20, choices=Publiek.choices),
        verbose_name="bedoeld voor",
        default=list,
        blank=True,
    )
    bestand = models.FileField("bestand", upload_to=materiaal_pad, blank=True)
    bestandstype = models.CharField("bestandstype", max_length=100, blank=True, editable=False)
    bestandsgrootte = models.PositiveBigIntegerField(
        "bestandsgrootte (bytes)", null=True, blank=True, editable=False
    )
    url = models.URLField(
        "externe link", max_length=500, blank=True, validators=[webadres_valideren]
    )
    history = HistoricalRecords(excluded_fields=NIET_IN_HISTORIE, verbose_name="historie materiaal")

    itemtype = Itemtype.MATERIAAL

    class Meta:
        verbose_name = "materiaal"
        verbose_name_plural = "materialen"

    def clean(self):
        super().clean()
        fout = materiaalbron_fout(
            heeft_bestand=bool(self.bestand), url=self.url, inhoud=self.inhoud
        )
        if fout:
            raise ValidationError(f"{fout[0].upper()}{fout[1:]}.")

    def get_publiek_voor_labels(self) -> list[str]:
        return [Publiek(code).label.lower() for code in self.publiek_voor if code in Publiek.values]

    @property
    def bestandsextensie(self) -> str:
        return self.bestand.name.rsplit(".", 1)[-1].upper() if self.bestand else ""
