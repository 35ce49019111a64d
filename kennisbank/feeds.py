"""Atom feed of newly published public items, for consultants who follow the kennisbank."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from kennisbank import selectors


class NieuweItemsFeed(Feed):
    feed_type = Atom1Feed
    title = "Nieuw in de kennisbank praktijkleren"
    subtitle = "Pas gepubliceerde instrumenten, praktijkvoorbeelden en materialen."
    link = reverse_lazy("kennisbank:index")

    def items(self):
        return selectors.nieuw_gepubliceerd()

    def item_title(self, item):
        return f"{item.get_type_display()}: {item.titel}"

    def item_description(self, item):
        return item.samenvatting

    def item_pubdate(self, item):
        return item.gepubliceerd_op

    def item_updateddate(self, item):
        return item.bijgewerkt_op
