"""Sitemap sections of the netwerk app; portal.urls merges them into /sitemap.xml.

Organisation and region pages only: pages of people are for logged-in users and stay out."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from netwerk.models import Organisatie
from portal.models import Regio


class NetwerkpaginasSitemap(Sitemap):
    """The network's start page and one page per region."""

    changefreq = "weekly"

    def items(self):
        return [None, *Regio.objects.order_by("slug").values_list("slug", flat=True)]

    def location(self, item):
        return reverse("netwerk:regio", args=[item]) if item else reverse("netwerk:index")


class OrganisatieSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Organisatie.objects.order_by("pk").only("sleutel", "bijgewerkt_op")

    def lastmod(self, obj):
        return obj.bijgewerkt_op


SITEMAPS: dict = {
    "netwerk": NetwerkpaginasSitemap,
    "netwerk-organisaties": OrganisatieSitemap,
}
