from django.apps import AppConfig


class NetwerkConfig(AppConfig):
    name = "netwerk"
    verbose_name = "Netwerk"

    def ready(self) -> None:
        from portal import paginacache

        # Anonymous pages show this app's content: a change renews them.
        paginacache.volgen(self)
