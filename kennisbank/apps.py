from django.apps import AppConfig


class KennisbankConfig(AppConfig):
    name = "kennisbank"
    verbose_name = "Kennisbank"

    def ready(self) -> None:
        from portal import paginacache

        # Anonymous pages show this app's content: a change renews them.
        paginacache.volgen(self)
