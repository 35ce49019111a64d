"""Sitemap sections of the kennisbank app; portal.urls merges them into /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from kennisbank import selectors
from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld


class _ItemSitemap(Sitemap):
    model = None
    changefreq = "monthly"

    def items(self):
        return selectors.openbare_items(self.model)

    def lastmod(self, item):
        return item.bijgewerkt_op


class InstrumentSitemap(_ItemSitemap):
    model = Instrument


class PraktijkvoorbeeldSitemap(_ItemSitemap):
    model = Praktijkvoorbeeld


class MateriaalSitemap(_ItemSitemap):
    model = Materiaal


class KennisbankPaginasSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["index", "instrumenten", "praktijkvoorbeelden", "materialen"]

    def location(self, item):
        return reverse(f"kennisbank:{item}")


SITEMAPS: dict = {
    "kennisbank": KennisbankPaginasSitemap,
    "instrumenten": InstrumentSitemap,
    "praktijkvoorbeelden": PraktijkvoorbeeldSitemap,
    "materialen": MateriaalSitemap,
}
