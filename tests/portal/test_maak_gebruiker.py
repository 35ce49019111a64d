import base64
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from portal.models import Gebruiker

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("maak_gebruiker", *args, stdout=out)
    return out.getvalue()


def op_de_opdrachtregel(*args) -> subprocess.CompletedProcess:
    """maak_gebruiker as an operator runs it: manage.py in a process of its own."""
    return subprocess.run(
        [sys.executable, "manage.py", "maak_gebruiker", *args],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_creates_an_ambassadeur_with_regions_and_a_generated_password(client):
    output = run("anna", "--rol", "ambassadeur", "--regio", "twente", "Noord-Limburg")
    assert "Gebruiker anna aangemaakt" in output
    wachtwoord = output.split("Wachtwoord: ")[1].strip()
    anna = Gebruiker.objects.get(username="anna")
    assert anna.is_staff and not anna.is_superuser
    assert sorted(r.slug for r in anna.regios.all()) == ["noord-limburg", "twente"]
    assert list(anna.groups.values_list("name", flat=True)) == ["ambassadeur"]
    response = client.post("/accounts/login/", {"username": "anna", "password": wachtwoord})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_is_idempotent_and_updates_role_and_regions():
    run("bert", "--rol", "ambassadeur", "--regio", "twente", "--wachtwoord", "een-lang-wachtwoord")
    output = run(
        "bert",
        "--rol",
        "manager",
        "--regio",
        "twente",
        "--regio",
        "drenthe",
        "--wachtwoord",
        "een-lang-wachtwoord",
        "--email",
        "bert@example.org",
    )
    assert "bijgewerkt" in output
    assert "Wachtwoord" not in output
    bert = Gebruiker.objects.get(username="bert")
    assert Gebruiker.objects.filter(username="bert").count() == 1
    assert list(bert.groups.values_list("name", flat=True)) == ["manager"]
    assert not bert.is_staff
    assert bert.email == "bert@example.org"
    assert sorted(r.slug for r in bert.regios.all()) == ["drenthe", "twente"]


def test_beheerder_is_superuser():
    run("root", "--rol", "beheerder", "--wachtwoord", "een-lang-wachtwoord")
    assert Gebruiker.objects.get(username="root").is_superuser


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        (["x", "--rol", "koning"], "onbekende rol 'koning'"),
        (["x", "--rol", "professional", "--regio", "atlantis"], "onbekende regio 'atlantis'"),
        (["x", "--rol", "ambassadeur"], "minstens één regio"),
    ],
)
def test_bad_input_creates_nothing(args, melding):
    with pytest.raises(CommandError, match=melding):
        run(*args)
    assert not Gebruiker.objects.filter(username="x").exists()


def test_unknown_role_exits_non_zero_with_one_dutch_line():
    result = op_de_opdrachtregel("y", "--rol", "koning")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Fout: onbekende rol 'koning'; kies uit: professional, ambassadeur, manager, "
        "redacteur, beheerder"
    ]


# -- passwords and the second factor ----------------------------------------------------------

GEHEIM = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.mark.parametrize(
    ("wachtwoord", "melding"),
    [
        ("kort-ww-11t", "te kort: gebruik minstens 12 tekens"),
        ("123456789012", "alleen cijfers"),
        ("password1234", "te algemeen"),
        ("carla-de-vries", "lijkt te veel op"),
    ],
)
def test_a_weak_password_is_refused_in_dutch_and_nothing_is_written(wachtwoord, melding):
    with pytest.raises(CommandError, match=f"wachtwoord niet geaccepteerd: .*{melding}"):
        run("carla-de-vries", "--rol", "redacteur", "--wachtwoord", wachtwoord)
    assert not Gebruiker.objects.filter(username="carla-de-vries").exists()


def test_a_weak_password_leaves_an_existing_user_as_it_was(client):
    run("dirk", "--rol", "professional", "--wachtwoord", "een-lang-wachtwoord")
    with pytest.raises(CommandError, match="te kort"):
        run("dirk", "--rol", "beheerder", "--wachtwoord", "kort")
    dirk = Gebruiker.objects.get(username="dirk")
    assert not dirk.is_superuser
    assert dirk.check_password("een-lang-wachtwoord")


def test_totp_secret_sets_the_app_and_the_admin_opens_with_its_code(client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.tweede_factor import code

    output = run(
        "eva", "--rol", "redacteur", "--wachtwoord", "een-lang-wachtwoord", "--totp-geheim", GEHEIM
    )
    assert "Authenticator-app ingesteld" in output
    device = TOTPDevice.objects.get(user__username="eva")
    assert device.confirmed
    assert device.bin_key == base64.b32decode(GEHEIM)
    assert (device.digits, device.step) == (6, 30)

    client.post("/accounts/login/", {"username": "eva", "password": "een-lang-wachtwoord"})
    stap = client.get("/admin/", follow=True)
    assert 'name="otp_token"' in stap.content.decode()
    response = client.post(
        stap.request["PATH_INFO"], {"otp_token": code(device), "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_without_totp_secret_the_app_is_kept_and_the_same_secret_changes_nothing():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    run("frits", "--rol", "beheerder", "--totp-geheim", "jbsw y3dp ehpk 3pxp")
    device = TOTPDevice.objects.get(user__username="frits")
    device.last_t = 123
    device.save()
    run("frits", "--rol", "beheerder")
    run("frits", "--rol", "beheerder", "--totp-geheim", "JBSWY3DPEHPK3PXP")
    assert TOTPDevice.objects.get(user__username="frits") == device
    assert TOTPDevice.objects.get().last_t == 123  # a code once used stays used

    run("frits", "--rol", "beheerder", "--totp-geheim", GEHEIM)
    nieuw = TOTPDevice.objects.get(user__username="frits")
    assert nieuw.bin_key == base64.b32decode(GEHEIM)
    assert nieuw.last_t == -1


@pytest.mark.parametrize("geheim", ["niet-base32!", "ABC", "A" * 70, "", "JBSWY3DPEHPK3PX1"])
def test_a_bad_totp_secret_is_refused_and_nothing_is_written(geheim):
    with pytest.raises(CommandError, match="ongeldig TOTP-geheim"):
        run("gijs", "--rol", "redacteur", "--totp-geheim", geheim)
    assert not Gebruiker.objects.filter(username="gijs").exists()


GEEN_BASE32 = ["--totp-geheim", "0000"]


def test_a_bad_totp_secret_exits_non_zero_with_one_dutch_line():
    result = op_de_opdrachtregel("h", "--rol", "redacteur", *GEEN_BASE32)
    assert result.returncode == 1
    regels = result.stderr.strip().splitlines()
    assert len(regels) == 1
    assert regels[0].startswith("Fout: ongeldig TOTP-geheim: geef het geheim in base32")
