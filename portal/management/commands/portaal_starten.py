import os
import socket
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.demo import (
    DEMO_NAMEN,
    DEMO_WACHTWOORD,
    TWEEDE_FACTOR_UITLEG,
    demo_is_geladen,
    demo_weigeren_buiten_ontwikkeling,
)


def _poort_in_gebruik(poort: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", poort)) == 0


class Command(BaseCommand):
    help = "Migreert, laadt de demo-inhoud en start de ontwikkelserver (gebruikt door make run)."

    def handle(self, *args, **opts):
        demo_weigeren_buiten_ontwikkeling()
        poort = int(os.environ.get("PORT", "8000"))
        if _poort_in_gebruik(poort):
            self.stdout.write(
                f"Er draait al iets op http://127.0.0.1:{poort}/ – waarschijnlijk het portaal "
                "zelf. Open dat adres in uw browser, of stop het andere proces eerst "
                "(of kies een andere poort met PORT=8001 make run)."
            )
            return
        call_command("migrate", interactive=False, verbosity=0)
        if demo_is_geladen():
            self.stdout.write(
                "Demodata staat er al (opnieuw laden: .venv/bin/python manage.py seed_demo)."
            )
            self.stdout.write(f"Demo-logins: {', '.join(DEMO_NAMEN)}; wachtwoord {DEMO_WACHTWOORD}")
            self.stdout.write(TWEEDE_FACTOR_UITLEG)
        else:
            call_command("seed_demo")
        # One worker beside the web server runs the imports and e-mails; it joins the same
        # embedded database and stops with this command. Its reminders link to this server
        # unless PORTAAL_BASIS_URL names another address.
        werker = subprocess.Popen(
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "procrastinate",
                "worker",
            ],
            env={
                **os.environ,
                "PORTAAL_BASIS_URL": settings.PORTAAL_BASIS_URL or f"http://127.0.0.1:{poort}/",
            },
        )
        self.stdout.write(f"Het portaal draait op http://127.0.0.1:{poort}/ (stoppen: Ctrl+C)")
        try:
            call_command("runserver", f"127.0.0.1:{poort}", use_reloader=False)
        finally:
            werker.terminate()
            werker.wait(timeout=10)
