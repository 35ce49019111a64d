from django.apps import AppConfig
from django.db.models.signals import post_migrate

from portal.cache import cachetabellen_maken


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from portal import checks  # noqa: F401  (registers the system checks)
        from portal.middleware import sessie_starten

        post_migrate.connect(_permissies_na_migratie, dispatch_uid="portal-rolpermissies")
        user_logged_in.connect(sessie_starten, dispatch_uid="portal-sessie-starten")
        post_migrate.connect(cachetabellen_maken, dispatch_uid="portal-cachetabel")
        _apparatenbeheer_verbergen()


def _apparatenbeheer_verbergen() -> None:
    # django-otp's device admin (English, and able to set someone's key) is not needed: the
    # beheerder resets an app with the action on Gebruikers. The admin registered it while
    # django.contrib.admin got ready, which is before this app.
    from django.contrib import admin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if admin.site.is_registered(TOTPDevice):
        admin.site.unregister(TOTPDevice)


def _permissies_na_migratie(sender, using="default", **kwargs) -> None:
    # Runs after Django's own handler has created the permissions of ``sender``.
    from portal.roles import ROL_PERMISSIES
    from portal.services import rolpermissies_bijwerken

    if sender.label in ROL_PERMISSIES:
        rolpermissies_bijwerken(app_label=sender.label, using=using)
