from django.core.management.base import BaseCommand

from portal.demo import DEMO_WACHTWOORD, demo_gebruikers_maken


class Command(BaseCommand):
    help = "Vult het portaal met demogebruikers en voorbeeldinhoud (veilig om vaker te draaien)."

    def handle(self, *args, **opts):
        gebruikers = demo_gebruikers_maken()
        self.stdout.write(f"Demo-logins (wachtwoord voor allen: {DEMO_WACHTWOORD}):")
        for naam, rol, regios in gebruikers:
            regiotekst = f" ({', '.join(regios)})" if regios else ""
            self.stdout.write(f"  {rol:<12} {naam}{regiotekst}")
