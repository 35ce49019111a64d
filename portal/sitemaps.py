from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class VastePaginasSitemap(Sitemap):
    """The portal's fixed public pages."""

    changefreq = "weekly"
    namen = ["portal:home", "portal:toegankelijkheid", "wegwijzer:index"]

    def items(self):
        return self.namen

    def location(self, item):
        return reverse(item)
