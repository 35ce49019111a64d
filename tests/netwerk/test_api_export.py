import pytest

from netwerk.models import Exportlog
from tests.netwerk.conftest import TECHNIEK

pytestmark = pytest.mark.django_db


def test_organisations_api_is_public_and_filterable(client, netwerk):
    data = client.get("/api/v1/organisaties", {"regio": "Noord-Limburg"}).json()
    assert [o["sleutel"] for o in data["results"]] == ["gilde-venlo"]
    data = client.get("/api/v1/organisaties", {"regio": "twente", "sector": TECHNIEK}).json()
    assert data["count"] == 1
    assert data["results"][0]["erkenningen"][0]["crebo"] == "25405"


@pytest.mark.parametrize(
    "params", [{"regio": "Atlantis"}, {"soort": "ufo"}, {"sector": "x"}, {"page": "0"}]
)
def test_bad_filters_give_a_dutch_400(client, netwerk, params):
    response = client.get("/api/v1/organisaties", params)
    assert response.status_code == 400
    assert response.json()["fout"] == "Ongeldige invoer in de aanvraag."


def test_persons_api_for_logged_in_users_with_the_page_filters(client, netwerk, professional):
    client.force_login(professional)
    data = client.get("/api/v1/contactpersonen", {"regio": "twente", "rol": "ambassadeur"}).json()
    assert [p["naam"] for p in data["results"]] == ["Anna Ambassadeur"]
    data = client.get("/api/v1/contactpersonen", {"instrument": "slim-subsidie"}).json()
    assert data["results"][0]["instrumenten"] == ["slim-subsidie"]
    namen = {p["naam"] for p in client.get("/api/v1/contactpersonen").json()["results"]}
    assert "Stijn Slapend" not in namen


def test_openapi_describes_both_endpoints_and_their_filters(client):
    paden = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/organisaties" in paden and "/api/v1/contactpersonen" in paden
    namen = {p["name"] for p in paden["/api/v1/contactpersonen"]["get"]["parameters"]}
    assert {"regio", "soort", "rol", "sector", "instrument"} <= namen


def test_csv_and_vcard_export_are_logged(client, netwerk, professional):
    client.force_login(professional)
    response = client.post("/netwerk/twente/export.csv", {"rol": "ambassadeur"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="netwerk-twente-')
    tekst = response.content.decode("utf-8-sig")
    assert "Anna Ambassadeur" in tekst and "Dirk Docent" not in tekst
    response = client.post("/netwerk/twente/export.vcf")
    kaart = response.content.decode()
    assert kaart.count("BEGIN:VCARD") == 2
    assert "TEL;TYPE=WORK,VOICE:+31612345678" in kaart
    assert "Stijn Slapend" not in kaart
    logs = list(Exportlog.objects.order_by("tijdstip"))
    assert [(log.formaat, log.aantal_personen, log.gebruiker) for log in logs] == [
        ("csv", 1, professional),
        ("vcard", 2, professional),
    ]
    assert logs[0].filters == "rol=ambassadeur"


def test_the_export_log_keeps_filter_codes_but_no_free_text(client, netwerk, professional):
    client.force_login(professional)
    response = client.post(
        "/netwerk/twente/export.csv", {"q": "Anna", "rol": "ambassadeur", "sector": TECHNIEK}
    )
    assert response.status_code == 200
    log = Exportlog.objects.get()
    assert log.filters == f"rol=ambassadeur&sector={TECHNIEK}"
    assert "Anna" not in log.filters


def test_export_with_a_bad_filter_is_refused_and_not_logged(client, netwerk, professional):
    client.force_login(professional)
    for methode in (client.get, client.post):
        response = methode("/netwerk/twente/export.csv", {"rol": "x"})
        assert response.status_code == 400
        assert "Ongeldige filter" in response.content.decode()
    assert not Exportlog.objects.exists()


@pytest.mark.parametrize(("pad", "formaat"), [("export.csv", "CSV"), ("export.vcf", "vCard")])
def test_an_old_export_link_shows_a_button_and_writes_no_log(
    client, netwerk, professional, pad, formaat
):
    client.force_login(professional)
    response = client.get(f"/netwerk/twente/{pad}", {"rol": "ambassadeur", "q": "Anna"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not Exportlog.objects.exists()
    tekst = response.text
    # A form that posts the same filters back, with the CSRF token, to the same address.
    assert f'<form method="post" action="/netwerk/twente/{pad}"' in tekst
    assert 'name="csrfmiddlewaretoken"' in tekst
    assert '<input type="hidden" name="rol" value="ambassadeur">' in tekst
    assert '<input type="hidden" name="q" value="Anna">' in tekst
    assert f'<button type="submit" class="btn btn-primary">Download als {formaat}' in tekst
    assert "Anna Ambassadeur" not in tekst  # the page itself lists nobody


def test_an_export_needs_the_csrf_token(netwerk, professional):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(professional)
    for pad in ("export.csv", "export.vcf"):
        assert client.post(f"/netwerk/twente/{pad}").status_code == 403
    assert not Exportlog.objects.exists()

    pagina = client.get("/netwerk/twente/export.csv")
    token = pagina.context["csrf_token"]
    response = client.post("/netwerk/twente/export.csv", {"csrfmiddlewaretoken": str(token)})
    assert response.status_code == 200
    assert Exportlog.objects.count() == 1


def test_the_region_page_offers_the_export_as_buttons_with_its_filters(
    client, netwerk, professional
):
    client.force_login(professional)
    tekst = client.get("/netwerk/twente/", {"rol": "ambassadeur"}).text
    formulier = tekst[tekst.index('<form method="post" action="/netwerk/twente/export.csv"') :]
    formulier = formulier[: formulier.index("</form>")]
    assert 'name="csrfmiddlewaretoken"' in formulier
    assert '<input type="hidden" name="rol" value="ambassadeur">' in formulier
    assert 'formaction="/netwerk/twente/export.vcf"' in formulier
    assert formulier.count('<button type="submit"') == 2
    assert "export.csv?" not in tekst and 'href="/netwerk/twente/export' not in tekst
    assert not Exportlog.objects.exists()


@pytest.mark.parametrize("methode", ["put", "delete", "patch"])
def test_other_methods_on_an_export_are_refused(client, netwerk, professional, methode):
    client.force_login(professional)
    assert getattr(client, methode)("/netwerk/twente/export.csv").status_code == 405
    assert not Exportlog.objects.exists()


def test_csv_cells_cannot_become_formulas(client, netwerk, professional):
    from netwerk import export

    netwerk["ambassadeur"].functie = "=HYPERLINK(1)"
    assert "'=HYPERLINK(1)" in export.als_csv([netwerk["ambassadeur"]])


def test_an_instrument_page_shows_experts_of_the_users_own_regions(
    client, netwerk, professional, instrument_slim
):
    client.force_login(professional)
    tekst = client.get(f"/kennisbank/instrumenten/{instrument_slim.slug}/").content.decode()
    assert "Anna Ambassadeur" in tekst
    assert "Wie weet hier meer van" in tekst


def test_demo_content_loads_idempotently(demo):
    import io

    from netwerk.demo import demo_laden
    from netwerk.models import Contactpersoon, Organisatie

    aantallen = (Organisatie.objects.count(), Contactpersoon.objects.count())
    demo_laden(io.StringIO())
    assert (Organisatie.objects.count(), Contactpersoon.objects.count()) == aantallen
    for slug in ("twente", "noord-limburg", "groot-amsterdam"):
        assert Organisatie.objects.filter(regios__slug=slug).count() >= 10
        assert Contactpersoon.objects.filter(regios__slug=slug).count() >= 20
    from netwerk.selectors import te_controleren_contactpersonen

    assert te_controleren_contactpersonen().exists()


def test_a_line_break_in_a_name_cannot_add_a_property_to_the_vcard(netwerk):
    import vobject

    from netwerk import export
    from netwerk.models import Contactpersoon

    # Stored before names were checked: the export must still keep it inside its field.
    Contactpersoon.objects.filter(pk=netwerk["ambassadeur"].pk).update(
        naam="Anna\rEMAIL:aanvaller@example.org", functie="Ambassadeur;\nTEL:0900"
    )
    persoon = Contactpersoon.objects.get(pk=netwerk["ambassadeur"].pk)
    tekst = export.als_vcard([persoon, netwerk["docent"]])
    kaarten = list(vobject.readComponents(tekst))
    assert len(kaarten) == 2
    anna = kaarten[0]
    assert [e.value for e in anna.contents["email"]] == ["anna@example.org"]
    assert [t.value for t in anna.contents["tel"]] == ["+31612345678"]
    assert anna.fn.value == "Anna\nEMAIL:aanvaller@example.org"
    assert anna.title.value == "Ambassadeur;\nTEL:0900"
    assert all(len(regel.encode()) <= 75 for regel in tekst.split("\r\n"))


def test_a_name_with_a_line_break_is_not_saved(netwerk):
    from django.core.exceptions import ValidationError

    from netwerk import services
    from tests.factories import regio

    with pytest.raises(ValidationError) as fout:
        services.contactpersoon_opslaan(
            sleutel="nieuw", naam="Nina\r\nNOTE:x", regios=[regio("twente")]
        )
    assert "naam" in fout.value.message_dict
