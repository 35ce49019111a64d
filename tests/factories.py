"""Factories for the test suite; traits give the domain states (roles)."""

import factory
from django.contrib.auth.models import Group
from django.utils.text import slugify

from portal import roles
from portal.models import Gebruiker, Regio

WACHTWOORD = "geheim-wachtwoord-123"


def regio(slug: str) -> Regio:
    return Regio.objects.get(slug=slug)


class GebruikerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gebruiker
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(WACHTWOORD)

    @factory.post_generation
    def rollen(obj, create, extracted, **kwargs):
        if not create:
            return
        rol = obj._rol
        info = roles.ROLINFO[rol]
        obj.is_staff = info.staf
        obj.is_superuser = info.superuser
        obj.save()
        obj.groups.set([Group.objects.get(name=rol)])
        obj.regios.set(Regio.objects.filter(slug__in=obj._regio_slugs))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        rol = kwargs.pop("rol", roles.PROFESSIONAL)
        regio_slugs = kwargs.pop("regio_slugs", ())
        obj = super()._create(model_class, *args, **kwargs)
        obj._rol = rol
        obj._regio_slugs = list(regio_slugs)
        return obj


# --- kennisbank and netwerk: each ``_create`` saves through the app's own service, so
# derived fields are right --------------------------------------------------------------


def _sectoren(slugs):
    from portal.models import Sector

    return list(Sector.objects.filter(slug__in=slugs))


class InstrumentFactory(factory.Factory):
    """A published national instrument for everyone; traits give the other states."""

    class Meta:
        model = dict

    titel = factory.Sequence(lambda n: f"Regeling {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.titel))
    samenvatting = factory.LazyAttribute(lambda o: f"Over {o.titel}.")
    soort = "begeleiding"
    status = "gepubliceerd"
    publiek = True
    regio = None  # slug
    sectoren = ()
    doelgroepen = ()
    bewijsstukken = ()
    geldig_van = None
    geldig_tot = None
    leeftijd_min = None
    leeftijd_max = None
    startkwalificatie = ""
    voorwaarden = ""

    class Params:
        route = factory.Trait(soort="bewijsstuk-opleidingsroute")
        concept = factory.Trait(status="concept")
        intern = factory.Trait(publiek=False)

    @classmethod
    def _create(cls, model_class, *args, **velden):
        from kennisbank.models import Instrument
        from kennisbank.services import kennisitem_opslaan

        sectoren = velden.pop("sectoren")
        regio_slug = velden.pop("regio")
        instrument = Instrument(
            regio=regio(regio_slug) if regio_slug else None,
            doelgroepen=list(velden.pop("doelgroepen")),
            bewijsstukken=list(velden.pop("bewijsstukken")),
            **velden,
        )
        kennisitem_opslaan(item=instrument)
        instrument.sectoren.set(_sectoren(sectoren))
        return instrument


class PraktijkvoorbeeldFactory(factory.Factory):
    class Meta:
        model = dict

    titel = factory.Sequence(lambda n: f"Voorbeeld {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.titel))
    samenvatting = factory.LazyAttribute(lambda o: f"Hoe {o.titel} verliep.")
    jaar = 2025
    status = "gepubliceerd"
    publiek = True
    regio = None
    sectoren = ()
    doelgroepen = ()
    instrumenten = ()

    @classmethod
    def _create(cls, model_class, *args, **velden):
        from kennisbank.models import Praktijkvoorbeeld
        from kennisbank.services import kennisitem_opslaan

        sectoren, instrumenten = velden.pop("sectoren"), velden.pop("instrumenten")
        regio_slug = velden.pop("regio")
        voorbeeld = Praktijkvoorbeeld(
            regio=regio(regio_slug) if regio_slug else None,
            doelgroepen=list(velden.pop("doelgroepen")),
            **velden,
        )
        kennisitem_opslaan(item=voorbeeld)
        voorbeeld.sectoren.set(_sectoren(sectoren))
        voorbeeld.instrumenten.set(instrumenten)
        return voorbeeld


class OrganisatieFactory(factory.Factory):
    """An organisation; ``erkenningen`` as (sector slug, kwalificatie, bewijsstukken)."""

    class Meta:
        model = dict

    naam = factory.Sequence(lambda n: f"Organisatie {n}")
    sleutel = factory.LazyAttribute(lambda o: slugify(o.naam))
    soort = "mbo-instelling"
    regios = ("twente",)
    erkenningen = ()

    @classmethod
    def _create(cls, model_class, *args, **velden):
        from netwerk import services
        from portal.models import Sector

        erkenningen = velden.pop("erkenningen")
        organisatie = services.organisatie_opslaan(
            regios=[regio(s) for s in velden.pop("regios")], **velden
        )
        for n, (sector, kwalificatie, bewijsstukken) in enumerate(erkenningen):
            services.erkenning_opslaan(
                organisatie=organisatie,
                kwalificatie=kwalificatie,
                crebo=f"{25000 + n}",
                sector=Sector.objects.get(slug=sector),
                niveau=2,
                bewijsstukken=list(bewijsstukken),
            )
        return organisatie


class ContactpersoonFactory(factory.Factory):
    class Meta:
        model = dict

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
    def _create(cls, model_class, *args, **velden):
        from netwerk import services

        return services.contactpersoon_opslaan(
            regios=[regio(s) for s in velden.pop("regios")],
            sectoren=_sectoren(velden.pop("sectoren")),
            rollen=list(velden.pop("rollen")),
            **velden,
        )
