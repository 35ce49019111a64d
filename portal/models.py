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
