"""The second factor of editors (README: Rollen): nothing of the admin on the password
alone, a code step reached from /admin/, set-up with a QR code, and a code works once."""

import base64
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import GebruikerFactory
from tests.regiotest.models import Notitie
from tests.tweede_factor import apparaat, code, inloggen_met_code

pytestmark = pytest.mark.django_db

EDITORS = ["ambassadeur_twente", "redacteur", "beheerder"]


class Invoervelden(HTMLParser):
    """The <input> fields of the page's forms as (name, type)."""

    def __init__(self):
        super().__init__()
        self.velden = []

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            attrs = dict(attrs)
            self.velden.append((attrs.get("name"), attrs.get("type", "text")))


def invoervelden(html: str) -> list[tuple[str, str]]:
    parser = Invoervelden()
    parser.feed(html)
    return parser.velden


def met_wachtwoord_inloggen(client, gebruiker, wachtwoord):
    response = client.post(
        reverse("login"), {"username": gebruiker.username, "password": wachtwoord}
    )
    assert response.status_code == 302, "het wachtwoord werd niet aanvaard"


def tot_de_codestap(client, gebruiker, wachtwoord) -> TOTPDevice:
    """An editor with a confirmed app logs in with the password: the session waits at
    the code step. Returns the app, to compute its codes."""
    device = apparaat(gebruiker)
    met_wachtwoord_inloggen(client, gebruiker, wachtwoord)
    return device


def admin_paden():
    # The index, a model of each kind of app, and admin views of our own.
    return [
        "/admin/",
        "/admin/portal/gebruiker/",
        "/admin/regiotest/notitie/",
        "/admin/kennisbank/instrument/add/",
        "/admin/effectiviteit/importbatch/add/",
        "/admin/netwerk/organisatie/import/",
    ]


@pytest.mark.parametrize("fixture", EDITORS)
def test_no_admin_page_opens_on_the_password_alone(request, client, wachtwoord, fixture):
    gebruiker = request.getfixturevalue(fixture)
    tot_de_codestap(client, gebruiker, wachtwoord)
    for pad in admin_paden():
        response = client.get(pad)
        assert response.status_code == 302, pad
        assert response["Location"].startswith("/admin/login/"), pad
    response = client.post("/admin/regiotest/notitie/add/", {"titel": "x"})
    assert response.status_code == 302
    assert not Notitie.objects.exists()


@pytest.mark.parametrize("fixture", EDITORS)
def test_admin_leads_to_a_code_step_with_only_otp_token_visible(
    request, client, wachtwoord, fixture
):
    gebruiker = request.getfixturevalue(fixture)
    device = tot_de_codestap(client, gebruiker, wachtwoord)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("tweede_factor"))
    html = response.content.decode()
    velden = invoervelden(html)
    assert ("otp_token", "text") in velden
    assert all(t == "hidden" for naam, t in velden if naam != "otp_token"), velden
    assert "Code invoeren" in html

    # The form as a script fills it: every hidden field as given, plus the code.
    data = dict(re.findall(r'name="(\w+)" value="([^"]*)"', html))
    data["otp_token"] = code(device)
    response = client.post(response.request["PATH_INFO"], data, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.status_code == 200
    assert "Beheer" in response.content.decode()
    assert client.get("/admin/regiotest/notitie/").status_code == 200


def test_a_wrong_code_opens_nothing(client, redacteur, wachtwoord):
    device = tot_de_codestap(client, redacteur, wachtwoord)
    goed = code(device)
    fout = f"{(int(goed) + 1) % 1_000_000:06d}"
    response = client.post(reverse("tweede_factor"), {"otp_token": fout, "next": "/admin/"})
    assert response.status_code == 400
    assert "klopt niet of is al gebruikt" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    response = client.post(reverse("tweede_factor"), {"otp_token": "12ab56"})
    assert response.status_code == 400
    assert "zes cijfers" in response.content.decode()


def test_a_code_works_once(client, redacteur, wachtwoord):
    from django.test import Client

    device = tot_de_codestap(client, redacteur, wachtwoord)
    eenmalig = code(device)
    response = client.post(reverse("tweede_factor"), {"otp_token": eenmalig, "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.last_t >= 0

    # Someone who saw that code and has the password, in a session of their own.
    ander = Client()
    met_wachtwoord_inloggen(ander, redacteur, wachtwoord)
    response = ander.post(reverse("tweede_factor"), {"otp_token": eenmalig, "next": "/admin/"})
    assert response.status_code == 400
    assert ander.get("/admin/").status_code == 302


def test_the_code_step_accepts_spaces_and_sends_only_to_this_site(client, redacteur, wachtwoord):
    device = tot_de_codestap(client, redacteur, wachtwoord)
    waarde = code(device)
    response = client.post(
        reverse("tweede_factor"),
        {"otp_token": f"{waarde[:3]} {waarde[3:]}", "next": "https://elders.example.org/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_session_key_changes_when_the_code_is_accepted(client, redacteur, wachtwoord):
    device = tot_de_codestap(client, redacteur, wachtwoord)
    voor = client.session.session_key
    client.post(reverse("tweede_factor"), {"otp_token": code(device)})
    assert client.session.session_key != voor


def test_an_editor_without_an_app_sets_one_up_with_a_qr_code(client, wachtwoord, db):
    gebruiker = GebruikerFactory(username="nieuw", ambassadeur=True, regio_slugs=["twente"])
    met_wachtwoord_inloggen(client, gebruiker, wachtwoord)
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("tweede_factor_instellen"))
    html = response.content.decode()
    assert re.search(r'<svg role="img"[^>]*>\s*<title>QR-code', html)
    assert "data:image" not in html and "http" not in html.split("<svg", 1)[1].split("</svg>")[0]
    geheim = re.search(r'<code[^>]*id="totp-geheim">([A-Z2-7 ]+)</code>', html).group(1)
    velden = invoervelden(html)
    assert ("otp_token", "text") in velden
    assert all(t == "hidden" for naam, t in velden if naam != "otp_token")

    # Not confirmed yet: the admin stays closed, and reloading shows the same secret.
    assert client.get("/admin/").status_code == 302
    opnieuw = client.get(reverse("tweede_factor_instellen"), {"next": "/admin/"})
    assert geheim in opnieuw.content.decode()

    # The app computes its code from the secret as shown on the page.
    sleutel = base64.b32decode(geheim.replace(" ", "") + "=" * (-len(geheim.replace(" ", "")) % 8))
    device = TOTPDevice.objects.get(user=gebruiker)
    assert device.bin_key == sleutel and not device.confirmed
    response = client.post(
        reverse("tweede_factor_instellen"), {"otp_token": code(device), "next": "/admin/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=gebruiker).confirmed


def test_set_up_is_refused_once_an_app_is_confirmed(client, redacteur, wachtwoord):
    # Otherwise the password alone would let someone put their own phone in place.
    device = tot_de_codestap(client, redacteur, wachtwoord)
    response = client.get(reverse("tweede_factor_instellen"), {"next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("tweede_factor"))
    response = client.post(reverse("tweede_factor_instellen"), {"otp_token": code(device)})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=redacteur).get() == device
    assert client.get("/admin/").status_code == 302


def test_anonymous_admin_visitors_go_to_the_one_login_page(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert client.get("/accounts/code/").status_code == 302


def test_readers_need_no_code_and_get_no_admin(client, professional, wachtwoord):
    met_wachtwoord_inloggen(client, professional, wachtwoord)
    response = client.get("/admin/", follow=True)
    assert "niet bevoegd" in response.content.decode()
    assert client.get(reverse("tweede_factor")).status_code == 302
    assert not TOTPDevice.objects.filter(user=professional).exists()


def test_beheerder_resets_an_app_and_the_old_one_stops_counting(
    client, beheerder, redacteur, wachtwoord
):
    from django.test import Client

    redactie = Client()
    inloggen_met_code(redactie, redacteur)
    assert redactie.get("/admin/").status_code == 200

    inloggen_met_code(client, beheerder)
    response = client.post(
        "/admin/portal/gebruiker/",
        {"action": "tweede_factor_resetten", "_selected_action": [redacteur.pk]},
        follow=True,
    )
    assert "Authenticator-app verwijderd bij 1 gebruiker" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=redacteur).exists()

    response = redactie.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("tweede_factor_instellen"))


def test_only_the_beheerder_may_reset_apps(client, redacteur, ambassadeur_twente):
    apparaat(ambassadeur_twente)
    inloggen_met_code(client, redacteur)
    response = client.post(
        "/admin/portal/gebruiker/",
        {"action": "tweede_factor_resetten", "_selected_action": [ambassadeur_twente.pk]},
    )
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=ambassadeur_twente).exists()


def test_the_user_list_shows_who_has_an_app_and_no_device_admin_shows_keys(
    client, beheerder, redacteur, professional
):
    device = apparaat(redacteur)
    inloggen_met_code(client, beheerder)
    html = client.get("/admin/portal/gebruiker/").content.decode()
    assert "Authenticator-app</a>" in html  # the column, sortable
    kolom = {}
    for rij in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        naam = re.search(r'<th class="field-username"><a [^>]*>([^<]+)</a>', rij)
        app = re.search(r'<td class="field-authenticator_app">.*?alt="(\w+)"', rij, flags=re.S)
        if naam and app:
            kolom[naam.group(1)] = app.group(1)
    assert kolom == {"beheerder": "True", "redacteur": "True", "prof": "False"}
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert device.key not in html


def test_after_many_wrong_codes_even_the_right_one_waits_and_the_page_says_how_long(
    client, redacteur, wachtwoord
):
    from django.utils import timezone

    device = apparaat(redacteur)
    # As after five wrong codes in a row: django-otp then waits 16 seconds.
    device.throttling_failure_count = 5
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    met_wachtwoord_inloggen(client, redacteur, wachtwoord)
    response = client.post(reverse("tweede_factor"), {"otp_token": code(device)})
    assert response.status_code == 400
    assert re.search(r"U kunt over 1[0-6] seconden een nieuwe code proberen", response.text)
    assert client.get("/admin/").status_code == 302
