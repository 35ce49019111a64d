from django.db import models


class Notitie(models.Model):
    """Owned by one region (empty: national), like a kennisbank item."""

    titel = models.CharField(max_length=100)
    regio = models.ForeignKey("portal.Regio", null=True, blank=True, on_delete=models.PROTECT)

    def __str__(self) -> str:
        return self.titel


class Aantekening(models.Model):
    """Serves several regions, like a netwerk organisation."""

    titel = models.CharField(max_length=100)
    regios = models.ManyToManyField("portal.Regio", blank=True)

    def __str__(self) -> str:
        return self.titel
