import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netwerk import services
from tests.factories import ContactpersoonFactory, InstrumentFactory, OrganisatieFactory, regio
from tests.netwerk.conftest import TECHNIEK

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("zoekterm", "regio_slug"),
    [("Venlo", "noord-limburg"), ("  enschede ", "twente"), ("Twente", "twente")],
)
def test_a_gemeente_or_region_name_leads_to_the_region(client, zoekterm, regio_slug):
    response = client.get("/netwerk/", {"q": zoekterm})
    assert response.status_code == 302
    assert response["Location"] == f"/netwerk/{regio_slug}/"


def test_no_match_gives_a_clear_dutch_message(client):
    response = client.get("/netwerk/", {"q": "Atlantis"})
    assert response.status_code == 400
    assert "Geen arbeidsmarktregio gevonden" in response.text
    assert "Atlantis" in response.text


def test_region_name_in_the_url_redirects_to_the_slug(client):
    assert client.get("/netwerk/Twente/")["Location"] == "/netwerk/twente/"
    assert client.get("/netwerk/bestaat-niet/").status_code == 404


def test_the_redirect_to_the_slug_keeps_the_filters(client):
    response = client.get("/netwerk/Twente/", {"sector": TECHNIEK, "soort": "uwv"})
    assert response["Location"] == f"/netwerk/twente/?sector={TECHNIEK}&soort=uwv"


def test_an_organisation_of_a_soort_the_code_no_longer_knows_does_not_break_pages(
    client, netwerk, professional
):
    from netwerk.models import Organisatie

    Organisatie.objects.filter(pk=netwerk["loket"].pk).update(soort="opgeheven-soort")
    client.force_login(professional)
    response = client.get("/netwerk/twente/")
    assert response.status_code == 200
    assert "Leerwerkloket Twente" in response.text
    assert client.get("/netwerk/organisaties/leerwerkloket-twente/").status_code == 200
    assert client.get("/api/v1/organisaties").status_code == 200


def test_region_page_groups_organisations_and_shows_recognised_sectors(client, netwerk):
    response = client.get("/netwerk/twente/")
    tekst = response.text
    assert response.status_code == 200
    assert "Leerwerkloket of Werkcentrum" in tekst
    assert tekst.index("Leerwerkloket Twente") < tekst.index("ROC Twente")
    assert "Gilde Venlo" not in tekst
    netwerk_ = response.context["netwerk"]
    assert [m.organisatie.naam for m in netwerk_.mbo_instellingen] == ["ROC Twente"]
    assert [s.slug for s in netwerk_.mbo_instellingen[0].sectoren] == [TECHNIEK]
    assert "<svg" in tekst and "Tekstversie van het schema" in tekst


def test_key_people_come_first(client, netwerk, professional):
    client.force_login(professional)
    netwerk_ = client.get("/netwerk/twente/").context["netwerk"]
    assert [p.naam for p in netwerk_.sleutelpersonen] == ["Anna Ambassadeur"]
    assert [p.naam for p in netwerk_.overige_personen] == ["Dirk Docent"]


def test_filters_by_sector_soort_rol_and_instrument(client, netwerk, professional):
    client.force_login(professional)
    response = client.get("/netwerk/twente/", {"sector": TECHNIEK})
    netwerk_ = response.context["netwerk"]
    assert [o.naam for _, lijst in netwerk_.groepen for o in lijst] == ["ROC Twente"]
    response = client.get("/netwerk/twente/", {"instrument": "slim-subsidie"})
    netwerk_ = response.context["netwerk"]
    assert [p.naam for p in netwerk_.sleutelpersonen + netwerk_.overige_personen] == [
        "Anna Ambassadeur"
    ]
    response = client.get(
        "/netwerk/twente/", {"rol": "praktijkopleider", "soort": "mbo-instelling"}
    )
    netwerk_ = response.context["netwerk"]
    assert [p.naam for p in netwerk_.overige_personen] == ["Dirk Docent"]


@pytest.mark.parametrize(
    "params", [{"sector": "bestaat-niet"}, {"soort": "ufo"}, {"rol": "x"}, {"instrument": "y"}]
)
def test_unknown_filter_values_give_400_not_500(client, netwerk, professional, params):
    client.force_login(professional)
    response = client.get("/netwerk/twente/", params)
    assert response.status_code == 400
    assert "waarde die we niet kennen" in response.text


def test_stale_entries_are_marked(client, netwerk, professional):
    client.force_login(professional)
    response = client.get(f"/netwerk/personen/{netwerk['docent'].pk}/")
    assert "Mogelijk verouderd" in response.text
    response = client.get(f"/netwerk/personen/{netwerk['ambassadeur'].pk}/")
    assert "Mogelijk verouderd" not in response.text


def test_organisation_page_lists_recognitions_and_persons_for_logged_in(
    client, netwerk, professional
):
    response = client.get("/netwerk/organisaties/roc-twente/")
    assert "25405" in response.text and "Praktijkverklaring, Mbo-diploma" in response.text
    assert "Log in" in response.text
    client.force_login(professional)
    response = client.get("/netwerk/organisaties/roc-twente/")
    assert "Dirk Docent" in response.text
    assert "Stijn Slapend" not in response.text
    assert client.get("/netwerk/organisaties/bestaat-niet/").status_code == 404


def _vul_regio(aantal: int):
    """``aantal`` recognised schools in Twente with a person each: every other person a
    key person, every other entry stale."""
    for n in range(aantal):
        school = OrganisatieFactory(erkenningen=[(TECHNIEK, "Monteur", ["praktijkverklaring"])])
        ContactpersoonFactory(
            organisatie=school, rollen=["ambassadeur" if n % 2 else "jobcoach"],
            sectoren=[TECHNIEK], te_controleren=n % 2 == 0,
        )  # fmt: skip


def test_region_page_queries_do_not_grow_with_its_size(
    client, professional, django_assert_max_num_queries
):
    client.force_login(professional)
    _vul_regio(2)
    with django_assert_max_num_queries(20) as klein:
        client.get("/netwerk/twente/", {"sector": TECHNIEK})
    _vul_regio(25)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        response = client.get("/netwerk/twente/", {"sector": TECHNIEK})
    assert len(response.context["netwerk"].mbo_instellingen) == 27


def test_anonymous_region_page_queries_do_not_grow_with_its_size(
    client, django_assert_max_num_queries
):
    _vul_regio(2)
    with django_assert_max_num_queries(20) as klein:
        client.get("/netwerk/twente/")
    _vul_regio(25)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        response = client.get("/netwerk/twente/")
    assert response.status_code == 200


def test_persons_api_queries_do_not_grow_with_the_page(
    client, professional, django_assert_max_num_queries
):
    client.force_login(professional)
    _vul_regio(2)
    with django_assert_max_num_queries(20) as klein:
        client.get("/api/v1/contactpersonen", {"regio": "twente"})
    _vul_regio(25)
    with django_assert_max_num_queries(len(klein.captured_queries)):
        response = client.get("/api/v1/contactpersonen", {"regio": "twente"})
    assert response.json()["count"] == 27


def test_the_instrument_filter_offers_published_instruments_only(client, netwerk, professional):
    InstrumentFactory(titel="Nog geheim", concept=True)
    client.force_login(professional)
    keuzes = client.get("/netwerk/twente/").context["filterform"].fields["instrument"]
    slugs = {i.slug for i in keuzes.queryset}
    assert slugs == {"slim-subsidie"}


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    q=st.text(max_size=150),
    sector=st.text(max_size=30),
    soort=st.text(max_size=30),
    pad=st.sampled_from(["/netwerk/", "/netwerk/twente/", "/api/v1/organisaties"]),
)
def test_bad_input_never_gives_a_server_error(client, q, sector, soort, pad):
    response = client.get(pad, {"q": q, "sector": sector, "soort": soort, "regio": q})
    assert response.status_code < 500


def test_instrument_page_shows_the_regions_experts_to_logged_in_users_only(
    client, netwerk, instrument_slim, professional, ambassadeur_noord_limburg
):
    url = f"/kennisbank/instrumenten/{instrument_slim.slug}/"
    anoniem = client.get(url)
    assert anoniem.status_code == 200
    assert "Anna Ambassadeur" not in anoniem.text
    assert "Wie weet hier meer van" not in anoniem.text

    client.force_login(professional)  # Twente, where Anna knows SLIM
    assert "Anna Ambassadeur" in client.get(url).text

    client.force_login(ambassadeur_noord_limburg)  # another region: nobody listed
    tekst = client.get(url).text
    assert "Wie weet hier meer van" in tekst
    assert "Anna Ambassadeur" not in tekst


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    waarde=st.text(max_size=60),
    pad=st.sampled_from(
        ["/netwerk/twente/export.csv", "/netwerk/twente/export.vcf", "/api/v1/contactpersonen"]
    ),
    methode=st.sampled_from(["get", "post"]),
)
def test_bad_input_on_exports_and_the_persons_api_never_gives_a_server_error(
    client, professional, waarde, pad, methode
):
    client.force_login(professional)
    params = dict.fromkeys(("q", "soort", "rol", "sector", "instrument", "regio", "page"), waarde)
    if methode == "post" and pad.startswith("/api/"):
        methode = "get"  # the API reads only
    assert getattr(client, methode)(pad, params).status_code < 500


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    actie=st.sampled_from(["bevestigen", "corrigeren", "", "iets"]),
    waarde=st.text(max_size=300),
    token=st.sampled_from(["zomaar", "a:b:c", ""]),
)
def test_posts_to_the_verification_page_never_give_a_server_error(client, actie, waarde, token):
    url = f"/netwerk/controle/{token}/" if token else "/netwerk/controle/x/"
    data = {"actie": actie, "naam": waarde, "email": waarde, "telefoon": waarde}
    assert client.post(url, data).status_code < 500


def test_region_page_accessibility_details(client, netwerk, professional):
    client.force_login(professional)
    tekst = client.get("/netwerk/twente/").text
    # The wide diagram scrolls: its container must be reachable by keyboard and named.
    assert '<div class="diagram-scroll" tabindex="0" role="region" aria-label=' in tekst
    assert "stroke-opacity" not in tekst  # lines at full colour for enough contrast
    mbo = tekst[tekst.index('<h2 id="mbo">') :]
    assert mbo.index('<div class="table-responsive">') < mbo.index("<table")
    assert 'href="tel:+31612345678"' in tekst


def test_organisation_breadcrumbs_name_one_region(client, netwerk):
    services.organisatie_opslaan(
        sleutel="roc-twente", naam="ROC Twente", soort="mbo-instelling",
        regios=[regio("twente"), regio("noord-limburg")],
    )  # fmt: skip
    tekst = client.get("/netwerk/organisaties/roc-twente/").text
    kruimelpad = tekst[tekst.index('aria-label="Kruimelpad"') :]
    kruimelpad = kruimelpad[: kruimelpad.index("</nav>")]
    assert kruimelpad.count("breadcrumb-item") == 3


def test_a_rejected_report_starts_with_an_error_summary(client, netwerk, professional):
    client.force_login(professional)
    url = f"/netwerk/organisaties/{netwerk['roc'].sleutel}/fout-melden/"
    response = client.post(url, {"melding": "x"})
    assert response.status_code == 400
    samenvatting = response.text[response.text.index('role="alert"') :]
    assert 'href="#id_melding"' in samenvatting
    assert 'role="alert"' not in client.get(url).text
