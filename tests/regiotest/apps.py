from django.apps import AppConfig


class RegiotestConfig(AppConfig):
    """A test-only app with two region-owned models that exercise the shared admin base."""

    name = "tests.regiotest"
    label = "regiotest"

    def ready(self) -> None:
        from portal import roles

        # Give the roles rights on the test models as a real app's entry would.
        roles.ROL_PERMISSIES[self.label] = {
            model: {
                roles.AMBASSADEUR: ("view", "add", "change", "delete"),
                roles.REDACTEUR: ("view", "add", "change", "delete"),
            }
            for model in ("notitie", "aantekening")
        }
