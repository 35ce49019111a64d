from django.apps import AppConfig


class EffectiviteitConfig(AppConfig):
    name = "effectiviteit"
    verbose_name = "Effectiviteit"
