from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand

from portal.demo import demo_weigeren_buiten_ontwikkeling


class Command(BaseCommand):
    help = "Vult het portaal met demogebruikers en voorbeeldinhoud (veilig om vaker te draaien)."

    def handle(self, *args, **opts):
        demo_weigeren_buiten_ontwikkeling()
        # Every app may offer ``<app>.demo.demo_laden(stdout)``; they run in the order of
        # INSTALLED_APPS, so the kennisbank exists before the netwerk refers to it.
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if config.name.startswith("django") or find_spec(config.name) is None:
                continue
            if find_spec(module_name) is None:
                continue
            module = import_module(module_name)
            if hasattr(module, "demo_laden"):
                module.demo_laden(self.stdout)
