"""Factories for the test suite; traits give the domain states (roles)."""

import factory
from django.contrib.auth.models import Group

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
