from django.urls import path

from kennisbank import feeds, views

app_name = "kennisbank"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw.atom", feeds.NieuweItemsFeed(), name="feed"),
    path("instrumenten/", views.instrumenten, name="instrumenten"),
    path("instrumenten/<slug:slug>/", views.instrument, name="instrument"),
    path("praktijkvoorbeelden/", views.praktijkvoorbeelden, name="praktijkvoorbeelden"),
    path("praktijkvoorbeelden/<slug:slug>/", views.praktijkvoorbeeld, name="praktijkvoorbeeld"),
    path("materialen/", views.materialen, name="materialen"),
    path("materialen/<slug:slug>/", views.materiaal, name="materiaal"),
    path("materialen/<slug:slug>/download/", views.materiaal_download, name="materiaal_download"),
]
