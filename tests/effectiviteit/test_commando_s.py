from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from effectiviteit.forms import standaardperiode
from effectiviteit.models import Kwartaaltelling, Traject
from effectiviteit.selectors import Filters, kerncijfers

pytestmark = pytest.mark.django_db


def test_genereer_trajecten_is_plausible_marked_and_repeatable():
    out = StringIO()
    call_command("genereer_trajecten", "--aantal", "2000", "--seed", "7", stdout=out)
    assert "2000 synthetische trajecten" in out.getvalue()
    assert Traject.objects.filter(synthetisch=True).count() == 2000
    call_command("genereer_trajecten", "--aantal", "2000", "--seed", "7", stdout=StringIO())
    assert Traject.objects.count() == 2000
    assert Kwartaaltelling.objects.exists()
    assert Traject.objects.values("regio").distinct().count() > 20
    van, tot = standaardperiode(__import__("datetime").date.today())
    cijfers = kerncijfers(Filters(van=van, tot=tot))
    assert 40 < cijfers["afgerond_pct"] < 95
    assert cijfers["mediane_duur_dagen"] > 30


def test_genereer_refuses_nonsense():
    with pytest.raises(CommandError):
        call_command("genereer_trajecten", "--aantal", "-1", stdout=StringIO())


def test_seed_demo_loads_synthetic_trajectories_once():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "5000 synthetische demotrajecten" in out.getvalue()
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert "staan er al" in out.getvalue()
    assert Traject.objects.count() == 5000
