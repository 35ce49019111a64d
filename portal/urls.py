from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from kennisbank.sitemaps import SITEMAPS as KENNISBANK_SITEMAPS
from netwerk.sitemaps import SITEMAPS as NETWERK_SITEMAPS
from portal import sitemaps as portal_sitemaps
from portal import tweede_factor, views
from portal.admin import bekijken_op_site
from portal.api import api

sitemaps = {
    "paginas": portal_sitemaps.VastePaginasSitemap,
    **KENNISBANK_SITEMAPS,
    **NETWERK_SITEMAPS,
}

portal_patterns = (
    [
        path("", views.home, name="home"),
        path("toegankelijkheid", views.toegankelijkheid, name="toegankelijkheid"),
        path("zoeken/", views.zoeken, name="zoeken"),
    ],
    "portal",
)

urlpatterns = [
    path("", include(portal_patterns)),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/code/", tweede_factor.code_invoeren, name="tweede_factor"),
    path("accounts/code/instellen/", tweede_factor.code_instellen, name="tweede_factor_instellen"),
    path("kennisbank/", include("kennisbank.urls")),
    path("netwerk/", include("netwerk.urls")),
    path("effectiviteit/", include("effectiviteit.urls")),
    path("wegwijzer/", include("wegwijzer.urls")),
    path("api/v1/", api.urls),
    # Before the admin's own URLs: its "view on site" shortcut, scoped to what the user keeps.
    path(
        "admin/r/<path:content_type_id>/<path:object_id>/",
        admin.site.admin_view(bekijken_op_site),
    ),
    path(
        "admin/taken/<int:pk>/",
        admin.site.admin_view(views.achtergrondtaak),
        name="achtergrondtaak",
    ),
    path(
        "admin/taken/<int:pk>/stand/",
        admin.site.admin_view(views.achtergrondtaak_stand),
        name="achtergrondtaak_stand",
    ),
    path("admin/", admin.site.urls),
]
