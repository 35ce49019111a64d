"""Production settings: refuse to start without what they need, refuse the demo, read the
client address behind a proxy correctly, and pass ``check --deploy``."""

import json
import os
import subprocess
import sys

import pytest

SLEUTEL = "x" * 20 + "een-lange-willekeurige-productiesleutel-0123456789"
VOLLEDIG = {
    "SECRET_KEY": SLEUTEL,
    "PSEUDONIEM_SLEUTEL": "pseudo",
    "DATABASE_URL": "postgresql://portaal@localhost/portaal",
    "PORTAAL_BASIS_URL": "https://praktijkleren.example.org/",
    "EMAIL_URL": "smtp+tls://portaal:geheim@smtp.example.org:587",
    "ALLOWED_HOSTS": "praktijkleren.example.org",
}


def manage(*args, **env):
    # Start from a clean environment so no developer variables leak in.
    basis = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "portal.settings.production"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        env={**basis, **env},
        check=False,
        timeout=120,
    )


def zonder(*namen) -> dict:
    return {k: v for k, v in VOLLEDIG.items() if k not in namen}


def instellingen(*namen, **env) -> dict:
    """The named settings as production makes them of ``env`` (None where unset)."""
    code = (
        "from django.conf import settings; import json; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {namen!r}}}))"
    )
    result = manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "ontbrekend", ["SECRET_KEY", "PSEUDONIEM_SLEUTEL", "DATABASE_URL", "PORTAAL_BASIS_URL"]
)
def test_production_refuses_to_start_without_a_secret(ontbrekend):
    result = manage("check", **zonder(ontbrekend))
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f"Configuratiefout: de omgevingsvariabele {ontbrekend} ontbreekt; "
        "het portaal start niet zonder."
    ]


def test_production_refuses_to_start_without_a_mail_server():
    result = manage("check", **zonder("EMAIL_URL"))
    assert result.returncode != 0
    regels = result.stderr.strip().splitlines()
    assert len(regels) == 1
    assert regels[0].startswith("Configuratiefout: er is geen mailserver ingesteld: zet EMAIL_URL")
    assert "EMAIL_HOST" in regels[0]


def test_everything_missing_is_named_at_once_one_line_each():
    result = manage("check")
    assert result.returncode != 0
    regels = result.stderr.strip().splitlines()
    assert len(regels) == 5
    assert all(regel.startswith("Configuratiefout: ") for regel in regels)
    for naam in ("SECRET_KEY", "PSEUDONIEM_SLEUTEL", "DATABASE_URL", "PORTAAL_BASIS_URL"):
        assert sum(naam in regel for regel in regels) == 1
    assert "mailserver" in regels[-1]


@pytest.mark.parametrize(
    ("naam", "waarde", "melding"),
    [
        ("EMAIL_URL", "consolemail://", "EMAIL_URL wijst niet naar een mailserver"),
        ("PORTAAL_BASIS_URL", "praktijkleren.example.org", "geen volledig webadres"),
    ],
)
def test_production_refuses_a_mail_or_address_setting_that_is_no_such_thing(naam, waarde, melding):
    result = manage("check", **{**VOLLEDIG, naam: waarde})
    assert result.returncode != 0
    assert melding in result.stderr


def test_the_usual_email_host_settings_are_a_mail_server_too():
    env = {**zonder("EMAIL_URL"), "EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "587"}
    env["EMAIL_USE_TLS"] = "true"
    assert instellingen("EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", **env) == {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": 587,
        "EMAIL_USE_TLS": True,
    }


def test_check_deploy_reports_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **VOLLEDIG)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("commando", ["seed_demo", "portaal_starten"])
def test_production_refuses_the_demo_with_its_public_password(commando):
    result = manage(commando, **VOLLEDIG)
    assert result.returncode == 1
    regels = result.stderr.strip().splitlines()
    assert len(regels) == 1, result.stderr
    assert regels[0].startswith("Fout: de demo wordt niet geladen met deze instellingen")
    assert "openbaar wachtwoord" in regels[0]


def _axes_instellingen(**env) -> dict:
    return instellingen(
        "AXES_IPWARE_META_PRECEDENCE_ORDER", "AXES_IPWARE_PROXY_COUNT",
        "AXES_IPWARE_PROXY_ORDER", "IPWARE_STRICT", "AXES_LOCKOUT_PARAMETERS", **env,
    )  # fmt: skip


def test_production_reads_the_client_address_as_set_up():
    direct = _axes_instellingen(**VOLLEDIG)
    assert direct["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["REMOTE_ADDR"]
    assert direct["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"]]

    achter_proxy = _axes_instellingen(**VOLLEDIG, ACHTER_PROXY="true")
    assert achter_proxy["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["HTTP_X_FORWARDED_FOR"]
    assert achter_proxy["AXES_IPWARE_PROXY_COUNT"] == 0
    assert achter_proxy["AXES_IPWARE_PROXY_ORDER"] == "left-most"
    assert achter_proxy["IPWARE_STRICT"] is False

    twee = _axes_instellingen(**VOLLEDIG, ACHTER_PROXY="true", ACHTER_PROXY_AANTAL="2")
    assert twee["AXES_IPWARE_PROXY_COUNT"] == 1


def _opslag_en_sessies(**env) -> dict:
    return instellingen("STORAGES", "SESSION_ENGINE", **env)


def test_production_keeps_uploads_on_the_file_system_without_a_bucket():
    instellingen = _opslag_en_sessies(**VOLLEDIG)
    assert instellingen["STORAGES"] == {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    # Sessions in the database: a login holds on every app server.
    assert instellingen["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_production_puts_uploads_in_a_private_bucket_when_one_is_set():
    s3 = {
        "S3_BUCKET": "portaal-media",
        "S3_ENDPOINT_URL": "https://s3.example.org",
        "S3_REGIO": "nl-ams",
        "S3_ACCESS_KEY_ID": "sleutel",
        "S3_SECRET_ACCESS_KEY": "geheim",
    }
    opslag = _opslag_en_sessies(**VOLLEDIG, **s3)["STORAGES"]
    assert opslag["staticfiles"] == {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    }
    assert opslag["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    opties = opslag["default"]["OPTIONS"]
    assert opties["bucket_name"] == "portaal-media"
    assert opties["endpoint_url"] == "https://s3.example.org"
    assert opties["region_name"] == "nl-ams"
    assert (opties["access_key"], opties["secret_key"]) == ("sleutel", "geheim")
    # Nothing public: objects private, any URL signed and valid for a minute.
    assert opties["default_acl"] == "private"
    assert opties["querystring_auth"] is True
    assert opties["querystring_expire"] == 60

    # A bucket that refuses ACLs (AWS with "bucket owner enforced") gets none.
    zonder_acl = _opslag_en_sessies(**VOLLEDIG, **s3, S3_ACL="")["STORAGES"]
    assert zonder_acl["default"]["OPTIONS"]["default_acl"] is None
    # Without keys of its own, boto3 finds its credentials the usual way.
    alleen_bucket = _opslag_en_sessies(**VOLLEDIG, S3_BUCKET="portaal-media")["STORAGES"]
    assert "access_key" not in alleen_bucket["default"]["OPTIONS"]
