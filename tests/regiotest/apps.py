from django.apps import AppConfig


class RegiotestConfig(AppConfig):
    """A test-only app with two region-owned models that exercise the shared admin base."""

    name = "tests.regiotest"
    label = "regiotest"
