import os
import subprocess
import sys

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_is_dutch_with_search_and_entry_points(client):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.text
    assert 'href="#inhoud"' in response.text
    assert 'role="search"' in response.text
    for ingang in ("Kennisbank", "Netwerk", "Effectiviteit", "Inloggen"):
        assert ingang in response.text


def test_navigation_changes_after_login(client, professional):
    client.force_login(professional)
    response = client.get("/")
    assert "Uitloggen" in response.text
    assert "Beheer" not in response.text


def test_staff_sees_the_admin_link(client, ambassadeur_twente):
    client.force_login(ambassadeur_twente)
    assert 'href="/admin/"' in client.get("/").text


@pytest.mark.parametrize("path", ["/toegankelijkheid", "/accounts/login/", "/zoeken/?q=bbl"])
def test_public_pages_open_without_login(client, path):
    assert client.get(path).status_code == 200


def test_healthz_reports_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_reports_503_when_the_database_is_unreachable(tmp_path):
    # A separate process whose database does not exist: the real failure, no mock.
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(r.status_code, r.json()['status'])"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": f"postgresql://niemand@/bestaatniet?host={tmp_path}",
        "DATABASE_POOL_TIMEOUT": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.stdout.strip() == "503 fout", result.stderr[-2000:]


def test_sitemap_lists_the_public_pages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "<loc>http://testserver/toegankelijkheid</loc>" in response.text


def test_unknown_page_gives_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.text


def test_dashboard_sends_anonymous_users_to_login(client):
    response = client.get("/effectiviteit/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_and_logout(client, professional, wachtwoord):
    response = client.post(reverse("login"), {"username": "prof", "password": wachtwoord})
    assert response.status_code == 302
    assert client.get("/effectiviteit/").status_code == 200
    response = client.post(reverse("logout"))
    assert "U bent uitgelogd" in response.text
    assert client.get("/effectiviteit/").status_code == 302


def test_wrong_password_gives_a_dutch_message(client, professional):
    response = client.post(reverse("login"), {"username": "prof", "password": "fout"})
    assert response.status_code == 200
    assert "klopt niet" in response.text


def test_account_is_locked_after_five_failed_logins(client, professional, wachtwoord):
    for _ in range(5):
        client.post(reverse("login"), {"username": "prof", "password": "fout"})
    response = client.post(reverse("login"), {"username": "prof", "password": wachtwoord})
    assert response.status_code == 429
    assert "tijdelijk geblokkeerd" in response.text
    assert "_auth_user_id" not in client.session


def test_csrf_failure_is_explained_in_dutch(professional, wachtwoord):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "prof", "password": wachtwoord})
    assert response.status_code == 403
    assert "Dit formulier is verlopen" in response.text
