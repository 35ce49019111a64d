"""One factory per model; traits give the domain states (roles, concept, verlopen ...).

The kennisbank and netwerk factories save through the app's own service, so derived
fields (safe HTML, publication date, search vocabulary, normalised phone numbers) are
right. Regions and sectors are given by their slugs."""

import datetime

import factory
from django.contrib.auth.models import Group
from django.test import TestCase
from django.utils import timezone
from django.utils.text import slugify

from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from kennisbank.services import kennisitem_opslaan
from netwerk import services as netwerk_services
from portal import roles
from portal.models import Gebruiker, Regio, Sector

WACHTWOORD = "geheim-wachtwoord-123"


def regio(slug: str) -> Regio:
    return Regio.objects.get(slug=slug)


def _regios(slugs) -> list[Regio]:
    return [regio(slug) for slug in slugs]


def _sectoren(slugs) -> list[Sector]:
    return list(Sector.objects.filter(slug__in=slugs))


def _gisteren() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


class GebruikerFactory(factory.django.DjangoModelFactory):
    """A user with one role: a professional, unless a trait names another role, as in
    ``GebruikerFactory(ambassadeur=True, regio_slugs=["twente"])``."""

    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)

    class Params:
        manager = factory.Trait(rol=roles.MANAGER)
        ambassadeur = factory.Trait(rol=roles.AMBASSADEUR)
        redacteur = factory.Trait(rol=roles.REDACTEUR)
        beheerder = factory.Trait(rol=roles.BEHEERDER)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(WACHTWOORD)
    rol = roles.PROFESSIONAL
    regio_slugs = ()

    @classmethod
    def _create(cls, model_class, *args, rol, regio_slugs, **velden):
        # The role decides the group and the admin flags together, as seed_demo and
        # maak_gebruiker do.
        info = roles.ROLINFO[rol]
        gebruiker = super()._create(
            model_class, *args, is_staff=info.staf, is_superuser=info.superuser, **velden
        )
        gebruiker.groups.set([Group.objects.get(name=rol)])
        gebruiker.regios.set(_regios(regio_slugs))
        return gebruiker


# --- kennisbank ---------------------------------------------------------------------------


class KennisitemFactory(factory.django.DjangoModelFactory):
    """What every kennisbank item has: published, for everyone and national, unless a
    trait or ``regio`` says otherwise."""

    class Meta:
        abstract = True

    class Params:
        concept = factory.Trait(status="concept")
        gearchiveerd = factory.Trait(status="gearchiveerd")
        intern = factory.Trait(publiek=False)  # for logged-in users only
        te_controleren = factory.Trait(controleren_voor=factory.LazyFunction(_gisteren))

    slug = factory.LazyAttribute(lambda o: slugify(o.titel))
    samenvatting = factory.LazyAttribute(lambda o: f"Over {o.titel}.")
    status = "gepubliceerd"
    publiek = True
    regio = None  # a region's slug; None is national
    sectoren = ()
    doelgroepen = factory.LazyFunction(list)

    @classmethod
    def _create(cls, model_class, *args, regio, sectoren, **velden):
        instrumenten = velden.pop("instrumenten", None)
        item = model_class(regio=Regio.objects.get(slug=regio) if regio else None, **velden)

        def gerelateerd_opslaan():
            item.sectoren.set(_sectoren(sectoren))
            if instrumenten is not None:
                item.instrumenten.set(instrumenten)

        # With what follows the commit (the search vocabulary): a test's transaction
        # never commits.
        with TestCase.captureOnCommitCallbacks(execute=True):
            kennisitem_opslaan(item=item, gerelateerd_opslaan=gerelateerd_opslaan)
        return item


class InstrumentFactory(KennisitemFactory):
    """A scheme; ``route`` makes it a route to a bewijsstuk, ``beeindigd`` one that
    ended yesterday."""

    class Meta:
        model = Instrument

    class Params:
        route = factory.Trait(soort="bewijsstuk-opleidingsroute")
        beeindigd = factory.Trait(geldig_tot=factory.LazyFunction(_gisteren))

    titel = factory.Sequence(lambda n: f"Regeling {n}")
    soort = "begeleiding"
    bewijsstukken = factory.LazyFunction(list)


class PraktijkvoorbeeldFactory(KennisitemFactory):
    class Meta:
        model = Praktijkvoorbeeld

    titel = factory.Sequence(lambda n: f"Voorbeeld {n}")
    samenvatting = factory.LazyAttribute(lambda o: f"Hoe {o.titel} verliep.")
    jaar = 2025
    instrumenten = ()


class MateriaalFactory(KennisitemFactory):
    class Meta:
        model = Materiaal

    titel = factory.Sequence(lambda n: f"Materiaal {n}")
    soort = "brochure"


# --- netwerk ------------------------------------------------------------------------------


class OrganisatieFactory(factory.Factory):
    """An organisation; ``erkenningen`` as (sector slug, kwalificatie, bewijsstukken),
    with a crebo of its own as a fourth element where the crebo matters."""

    class Meta:
        model = dict

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    sleutel = factory.LazyAttribute(lambda o: slugify(o.naam))
    soort = "mbo-instelling"
    regios = ("twente",)
    erkenningen = ()

    @classmethod
    def _create(cls, model_class, *args, regios, erkenningen, **velden):
        organisatie = netwerk_services.organisatie_opslaan(regios=_regios(regios), **velden)
        for n, (sector, kwalificatie, bewijsstukken, *crebo) in enumerate(erkenningen):
            netwerk_services.erkenning_opslaan(
                organisatie=organisatie,
                kwalificatie=kwalificatie,
                crebo=crebo[0] if crebo else f"{25000 + n}",
                sector=Sector.objects.get(slug=sector),
                niveau=2,
                bewijsstukken=list(bewijsstukken),
            )
        return organisatie


class ContactpersoonFactory(factory.Factory):
    """An active person in Twente, recently checked; ``te_controleren`` gives one whose
    entry is stale, ``inactief`` one who is kept but hidden."""

    class Meta:
        model = dict

    class Params:
        # Well past NETWERK_VEROUDERD_NA_DAGEN (183 by default, 500 in one test).
        te_controleren = factory.Trait(
            gecontroleerd_op=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=400)
            )
        )
        inactief = factory.Trait(actief=False)

    naam = factory.Sequence(lambda n: f"Persoon Achternaam{n}")
    sleutel = factory.LazyAttribute(lambda o: slugify(o.naam))
    functie = "Adviseur"
    organisatie = None
    rollen = ()
    regios = ("twente",)
    sectoren = ()
    instrumenten = ()
    email = factory.LazyAttribute(lambda o: f"{o.sleutel}@example.org")
    telefoon = "06 1234 5678"
    actief = True

    @classmethod
    def _create(cls, model_class, *args, regios, sectoren, rollen, **velden):
        return netwerk_services.contactpersoon_opslaan(
            regios=_regios(regios), sectoren=_sectoren(sectoren), rollen=list(rollen), **velden
        )
