from django.apps import AppConfig
from django.db.models.signals import post_migrate

from portal.cache import cachetabellen_maken


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self) -> None:
        from portal import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(_permissies_na_migratie, dispatch_uid="portal-rolpermissies")
        post_migrate.connect(cachetabellen_maken, dispatch_uid="portal-cachetabel")


def _permissies_na_migratie(sender, using="default", **kwargs) -> None:
    # Runs after Django's own handler has created the permissions of ``sender``.
    from portal.roles import ROL_PERMISSIES
    from portal.services import rolpermissies_bijwerken

    if sender.label in ROL_PERMISSIES:
        rolpermissies_bijwerken(app_label=sender.label, using=using)
