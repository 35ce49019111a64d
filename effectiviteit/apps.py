from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EffectiviteitConfig(AppConfig):
    name = "effectiviteit"
    verbose_name = "Effectiviteit"

    def ready(self) -> None:
        post_migrate.connect(
            _samenvatting_na_migratie,
            sender=self,
            dispatch_uid="effectiviteit-samenvatting-aanvullen",
        )


def _samenvatting_na_migratie(sender, using="default", **kwargs) -> None:
    from effectiviteit.services import samenvatting_aanvullen

    samenvatting_aanvullen(using=using)
