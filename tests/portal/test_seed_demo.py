from io import StringIO

import pytest
from django.core.management import call_command

from portal.models import Gebruiker

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_prints_one_login_per_role():
    for _ in range(2):
        out = StringIO()
        call_command("seed_demo", stdout=out)
    tekst = out.getvalue()
    for naam in (
        "beheerder",
        "redacteur",
        "professional",
        "ambassadeur-twente",
        "manager-twente",
        "ambassadeur-noord-limburg",
    ):
        assert naam in tekst
        assert Gebruiker.objects.filter(username=naam).count() == 1
    assert Gebruiker.objects.get(username="ambassadeur-noord-limburg").regios.get().slug == (
        "noord-limburg"
    )
