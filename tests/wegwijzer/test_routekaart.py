"""The routekaart through the API and the page (README: Wegwijzer), anonymous and logged in."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from effectiviteit import public as effectiviteit
from effectiviteit.services import trajecten_importeren
from portal.models import Regio, Sector
from tests.effectiviteit.helpers import csv_schrijven, rij
from tests.factories import InstrumentFactory
from tests.wegwijzer.conftest import HALIMA, TECHNIEK, VAKMANSCHAP
from wegwijzer.selectors import cijferperiode

pytestmark = pytest.mark.django_db

API = "/api/v1/wegwijzer"
PAGINA = "/wegwijzer/"


def slugs(lijst):
    return [item["slug"] for item in lijst]


def test_the_answer_has_exactly_the_contract_keys_and_types(client, wereld):
    antwoord = client.get(API, HALIMA)
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert list(data) == [
        "vraag", "route", "instrumenten", "uitgesloten", "voorbeelden",
        "mbo_instellingen", "contactpersonen", "cijfers",
    ]  # fmt: skip
    assert data["vraag"] == {
        "regio": "twente",
        "doelgroep": "statushouder",
        "startkwalificatie": "nee",
        "sector": VAKMANSCHAP,
        "leeftijd": 23,
        "peildatum": timezone.localdate().isoformat(),
    }
    assert set(data["route"]) == {"bewijsstuk", "uitleg", "instrumenten"}
    for item in data["instrumenten"]:
        assert set(item) == {"slug", "titel", "url", "soort", "geldig_tot", "waarom"}
        assert item["url"].startswith("http://testserver/kennisbank/instrumenten/")
    for item in data["uitgesloten"]:
        assert set(item) == {"slug", "titel", "reden"}
    for item in data["voorbeelden"]:
        assert set(item) == {"slug", "titel", "url", "regio"}
    for item in data["mbo_instellingen"]:
        assert set(item) == {"sleutel", "naam", "url", "sectoren"}
    assert data["contactpersonen"] == []
    assert data["cijfers"] is None


def test_halima_gets_the_praktijkverklaring_and_what_fits(client, wereld):
    data = client.get(API, HALIMA).json()
    assert data["route"]["bewijsstuk"] == "praktijkverklaring"
    assert data["route"]["instrumenten"] == ["praktijkverklaring"]
    assert slugs(data["instrumenten"]) == [
        "praktijkverklaring",
        "leerwerkbanen-confectie",
        "mbo-certificaat",
    ]
    confectie = data["instrumenten"][1]
    assert confectie["geldig_tot"] == wereld["confectie"].geldig_tot.isoformat()
    assert confectie["waarom"].startswith("Geldt in Twente en voor statushouder")
    uitgesloten = {u["slug"]: u["reden"] for u in data["uitgesloten"]}
    assert uitgesloten == {
        "alleen-wajong": "Alleen voor wajong; niet voor statushouder.",
        "jongerenregeling": "Alleen tot en met 22 jaar; de kandidaat is 23.",
    }
    assert slugs(data["voorbeelden"]) == ["naaister-in-enschede", "stoffeerder-in-maastricht"]
    assert data["voorbeelden"][0]["regio"] == "twente"
    assert [o["sleutel"] for o in data["mbo_instellingen"]] == ["twentse-vakschool"]
    assert data["mbo_instellingen"][0]["sectoren"] == [VAKMANSCHAP]


def test_ended_future_concept_and_other_regions_never_fit(client, wereld, professional):
    nooit = {"oude-regeling", "nieuwe-regeling", "conceptregeling", "limburgse-regeling"}
    for ingelogd in (False, True):
        if ingelogd:
            client.force_login(professional)
        for vraag in (HALIMA, {"regio": "twente", "doelgroep": "ww"}):
            data = client.get(API, vraag).json()
            assert not nooit & set(slugs(data["instrumenten"]) + slugs(data["uitgesloten"]))
            pagina = client.get(PAGINA, vraag).content.decode()
            assert "Praktijkverklaring" in pagina
            for titel in ("Conceptregeling", "Limburgse regeling"):
                assert titel not in pagina


def test_each_instrument_is_in_one_list_or_neither(client, wereld):
    data = client.get(API, HALIMA | {"leeftijd": "17", "startkwalificatie": "ja"}).json()
    passend, uitgesloten = set(slugs(data["instrumenten"])), set(slugs(data["uitgesloten"]))
    assert not passend & uitgesloten
    assert uitgesloten == {"alleen-wajong", "jongerenregeling", "mbo-certificaat"}
    assert set(data["route"]["instrumenten"]) <= passend


def test_non_public_instruments_only_for_logged_in_users(client, wereld, professional):
    assert "interne-werkwijze" not in slugs(client.get(API, HALIMA).json()["instrumenten"])
    client.force_login(professional)
    assert "interne-werkwijze" in slugs(client.get(API, HALIMA).json()["instrumenten"])


def test_open_answers_do_not_exclude(client, wereld):
    data = client.get(API, {"regio": "twente", "doelgroep": "statushouder"}).json()
    assert data["vraag"]["startkwalificatie"] == "onbekend"
    assert data["vraag"]["sector"] is None and data["vraag"]["leeftijd"] is None
    waarom = {i["slug"]: i["waarom"] for i in data["instrumenten"]}
    assert "jongerenregeling" in waarom
    assert (
        "Nog na te gaan: de leeftijd (alleen tot en met 22 jaar); of de kandidaat"
        in (waarom["jongerenregeling"])
    )
    assert "de sector (alleen specialistisch vakmanschap)" in waarom["leerwerkbanen-confectie"]
    assert data["route"]["bewijsstuk"] == "praktijkverklaring"
    assert "nog niet bekend" in data["route"]["uitleg"]
    # Without a sector, every school of the region with an erkenning.
    assert [o["sleutel"] for o in data["mbo_instellingen"]] == ["roc-techniek", "twentse-vakschool"]


def test_with_a_startkwalificatie_the_route_is_the_mbo_certificaat(client, wereld):
    data = client.get(API, HALIMA | {"startkwalificatie": "ja"}).json()
    assert data["route"]["bewijsstuk"] == "mbo-certificaat"
    assert data["route"]["instrumenten"] == ["mbo-certificaat"]


def test_the_peildatum_previews_another_date(client, wereld):
    over_een_jaar = timezone.localdate() + datetime.timedelta(days=400)
    data = client.get(API, HALIMA | {"peildatum": over_een_jaar.isoformat()}).json()
    passend = slugs(data["instrumenten"])
    assert "nieuwe-regeling" in passend
    assert "leerwerkbanen-confectie" not in passend  # ended by then


def test_region_by_gemeente_other_name_and_any_case(client, wereld):
    for regio in ("Enschede", " ENSCHEDE ", "twente", "Twente"):
        assert client.get(API, HALIMA | {"regio": regio}).json()["vraag"]["regio"] == "twente"
    assert client.get(API, HALIMA | {"doelgroep": "Statushouder "}).status_code == 200
    assert client.get(API, HALIMA | {"sector": "Specialistisch vakmanschap"}).status_code == 200


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("regio", "", "Vul de regio of gemeente van de kandidaat in."),
        ("regio", "Atlantis", "Geen arbeidsmarktregio of gemeente gevonden bij ‘Atlantis’"),
        ("doelgroep", "", "Kies de situatie van de kandidaat."),
        ("doelgroep", "student", "Kies een situatie uit de lijst"),
        ("startkwalificatie", "misschien", "Kies ja, nee of onbekend."),
        ("sector", "ruimtevaart", "Onbekende sector."),
        ("leeftijd", "14", "Geef de leeftijd in hele jaren, van 15 tot en met 67."),
        ("leeftijd", "68", "Geef de leeftijd in hele jaren, van 15 tot en met 67."),
        ("leeftijd", "drie", "Geef de leeftijd in hele jaren, van 15 tot en met 67."),
        ("leeftijd", "23.5", "Geef de leeftijd in hele jaren, van 15 tot en met 67."),
        ("peildatum", "1-9-2026", "Geef de peildatum als JJJJ-MM-DD"),
        ("peildatum", "2026-02-30", "Geef de peildatum als JJJJ-MM-DD"),
        ("peildatum", "1850-01-01", "Kies een peildatum van 2000 tot en met 2099."),
    ],
)
def test_bad_values_give_400_with_a_dutch_message_per_field(client, wereld, veld, waarde, melding):
    vraag = HALIMA | {veld: waarde}
    antwoord = client.get(API, vraag)
    assert antwoord.status_code == 400
    data = antwoord.json()
    assert data["fout"] == "Ongeldige invoer in de aanvraag."
    assert [d["veld"] for d in data["details"]] == [veld]
    assert data["details"][0]["melding"].startswith(melding)
    pagina = client.get(PAGINA, vraag)
    assert pagina.status_code == 400
    assert melding.replace("‘", "&lsquo;") in pagina.content.decode() or melding in (
        pagina.content.decode()
    )
    assert client.get("/wegwijzer/afdrukken/", vraag).status_code == 400


def test_every_bad_field_is_reported_at_once(client, db):
    data = client.get(API, {"leeftijd": "x", "peildatum": "gisteren"}).json()
    assert [d["veld"] for d in data["details"]] == ["regio", "doelgroep", "leeftijd", "peildatum"]


def test_hostile_values_are_a_400_never_a_500(client, wereld):
    for waarde in ("\x00", "a" * 5000, "9" * 5000, "' OR 1=1 --", "%", "-", "\ufffd"):
        for veld in ("regio", "doelgroep", "sector", "leeftijd", "peildatum", "startkwalificatie"):
            assert client.get(API, HALIMA | {veld: waarde}).status_code == 400, (veld, waarde)
            assert client.get(PAGINA, HALIMA | {veld: waarde}).status_code == 400, (veld, waarde)
    # Bytes that are no UTF-8 at all.
    assert client.get(f"{API}?regio=%ED%A0%80&doelgroep=ww").status_code == 400


def test_anonymous_users_see_no_person_anywhere(client, wereld):
    namen = ["Anna Ambassadeur", "Karin Kenner", "Sanne Stof", "Lotte Limburg"]
    for pad in (API, PAGINA, "/wegwijzer/afdrukken/"):
        inhoud = client.get(pad, HALIMA).content.decode()
        for naam in namen:
            assert naam not in inhoud
        assert "@example.org" not in inhoud
        assert "06 1234 5678" not in inhoud


def test_logged_in_users_see_the_people_to_call_key_people_first(client, wereld, professional):
    client.force_login(professional)
    personen = client.get(API, HALIMA).json()["contactpersonen"]
    # Key people, then expertise in the sector, then in the route's instruments; not the
    # jobcoach without either, nor anyone of another region.
    assert [p["naam"] for p in personen] == ["Anna Ambassadeur", "Sanne Stof", "Karin Kenner"]
    assert personen[0] == {
        "naam": "Anna Ambassadeur",
        "organisatie": "Leerwerkloket Twente",
        "rollen": ["ambassadeur"],
        "url": f"http://testserver/netwerk/personen/{wereld['ambassadeur'].pk}/",
    }
    pagina = client.get(PAGINA, HALIMA).content.decode()
    assert "Anna Ambassadeur" in pagina and "Bert Buiten" not in pagina
    assert "Karin Kenner" in client.get("/wegwijzer/afdrukken/", HALIMA).content.decode()


def test_people_without_a_sector_or_a_route_instrument(client, wereld, professional):
    client.force_login(professional)
    vraag = {"regio": "twente", "doelgroep": "ww"}
    personen = client.get(API, vraag).json()["contactpersonen"]
    assert [p["naam"] for p in personen] == ["Anna Ambassadeur", "Karin Kenner"]
    wereld["praktijkverklaring"].status = "gearchiveerd"
    wereld["praktijkverklaring"].save()
    personen = client.get(API, vraag | {"startkwalificatie": "nee"}).json()["contactpersonen"]
    assert [p["naam"] for p in personen] == ["Anna Ambassadeur"]
    assert client.get(PAGINA, vraag).status_code == 200


def _trajecten(tmp_path, aantal: int):
    van, _ = cijferperiode(timezone.localdate())
    regels = []
    for n in range(aantal):
        start = van + datetime.timedelta(days=n * 7)
        regels.append(
            rij(
                traject_id=f"W-{n}", regio="twente", doelgroep="statushouder",
                sector=VAKMANSCHAP, startdatum=start.isoformat(),
                einddatum=(start + datetime.timedelta(days=120)).isoformat(),
                status="afgerond" if n % 4 else "uitgevallen",
                behaald_bewijsstuk="praktijkverklaring" if n % 4 else "",
                uitvalreden="" if n % 4 else "motivatie",
            )
        )  # fmt: skip
    assert trajecten_importeren(bestand=csv_schrijven(tmp_path / "t.csv", regels)).gelukt


def test_figures_are_the_protected_kerncijfers_for_logged_in_users_only(
    client, wereld, professional, tmp_path
):
    _trajecten(tmp_path, 40)
    assert client.get(API, HALIMA).json()["cijfers"] is None
    client.force_login(professional)
    cijfers = client.get(API, HALIMA).json()["cijfers"]
    van, tot = cijferperiode(timezone.localdate())
    verwacht = effectiviteit.kerncijfers(
        effectiviteit.Filters(
            van=van,
            tot=tot,
            regio=Regio.objects.get(slug="twente"),
            sector=Sector.objects.get(slug=VAKMANSCHAP),
            doelgroep="statushouder",
        )
    )
    assert cijfers == {
        "n_trajecten": verwacht["n_trajecten"],
        "afgerond_pct": verwacht["afgerond_pct"],
        "bewijsstuk_pct": verwacht["bewijsstuk_pct"],
        "duurzame_baan_pct": verwacht["duurzame_baan_pct"],
        "filters": {
            "regio": "twente", "van": van.isoformat(), "tot": tot.isoformat(),
            "sector": VAKMANSCHAP, "doelgroep": "statushouder", "aanleverende_partij": None,
        },
    }  # fmt: skip
    assert cijfers["bewijsstuk_pct"] is not None
    pagina = client.get(PAGINA, HALIMA).content.decode()
    procent = str(cijfers["bewijsstuk_pct"]).replace(".", ",")  # the page writes Dutch
    assert f"behaalde <strong>{procent}%</strong> een bewijsstuk" in pagina


@pytest.mark.parametrize(
    ("vandaag", "van", "tot"),
    [
        (datetime.date(2026, 12, 6), datetime.date(2024, 10, 1), datetime.date(2026, 9, 30)),
        (datetime.date(2026, 1, 1), datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)),
        (datetime.date(2026, 3, 31), datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)),
    ],
)
def test_figures_cover_the_last_eight_complete_quarters(vandaag, van, tot):
    assert cijferperiode(vandaag) == (van, tot)


def test_mbo_instellingen_are_those_the_organisations_api_shows(client, wereld):
    for sector in (VAKMANSCHAP, TECHNIEK):
        data = client.get(API, HALIMA | {"sector": sector}).json()
        organisaties = client.get(
            "/api/v1/organisaties", {"regio": "twente", "soort": "mbo-instelling", "sector": sector}
        ).json()["results"]
        assert [o["sleutel"] for o in data["mbo_instellingen"]] == [
            o["sleutel"] for o in organisaties
        ]


def test_the_page_asks_first_and_the_url_holds_the_answers(client, wereld):
    leeg = client.get(PAGINA)
    assert leeg.status_code == 200
    inhoud = leeg.content.decode()
    assert "Regio of gemeente" in inhoud and "Routekaart" not in inhoud
    antwoord = client.get(PAGINA, HALIMA)
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert 'value="Twente"' in inhoud  # the form keeps the answers
    assert "Richt u eerst op: praktijkverklaring" in inhoud
    assert "Twentse Vakschool" in inhoud and "Medewerker mode en maatkleding" in inhoud
    assert "Naaister in Enschede" in inhoud
    assert "Log in</a> om te zien wie u in de regio kunt bellen" in inhoud
    assert "no-store" in antwoord["Cache-Control"]
    assert "no-store" in client.get(API, HALIMA)["Cache-Control"]


def test_the_print_view_renders_and_without_answers_goes_to_the_form(client, wereld):
    antwoord = client.get("/wegwijzer/afdrukken/", HALIMA)
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Routekaart praktijkleren" in inhoud and "Leerwerkbanen confectie" in inhoud
    assert "js/wegwijzer" in inhoud and "<script>" not in inhoud
    assert client.get("/wegwijzer/afdrukken/").url == "/wegwijzer/"


def test_openapi_describes_the_wegwijzer(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    operatie = schema["paths"]["/api/v1/wegwijzer"]["get"]
    parameters = {p["name"] for p in operatie["parameters"]}
    assert parameters == {
        "regio", "doelgroep", "startkwalificatie", "sector", "leeftijd", "peildatum",
    }  # fmt: skip
    assert "400" in operatie["description"] or "Ongeldige" in operatie["description"]


@pytest.mark.parametrize("pad", [API, PAGINA])
def test_the_queries_do_not_grow_with_the_number_of_instruments(
    client, wereld, professional, django_assert_max_num_queries, pad
):
    client.force_login(professional)
    client.get(pad, HALIMA)  # the session and the user's roles are read once
    with django_assert_max_num_queries(20) as voor:
        assert client.get(pad, HALIMA).status_code == 200
    for n in range(15):
        InstrumentFactory(titel=f"Extra {n}", sectoren=[VAKMANSCHAP], doelgroepen=["ww"])
    with django_assert_max_num_queries(len(voor.captured_queries)):
        response = client.get(pad, HALIMA)
    assert response.status_code == 200


def test_home_kennisbank_menu_and_sitemap_point_to_the_wegwijzer(client, db):
    for pad in ("/", "/kennisbank/"):
        assert 'href="/wegwijzer/"' in client.get(pad).content.decode()
    assert "<loc>http://testserver/wegwijzer/</loc>" in client.get("/sitemap.xml").text


def test_the_instrument_page_shows_its_criteria(client, db):
    InstrumentFactory(titel="Jongerenregeling", leeftijd_min=16, leeftijd_max=22,
                      startkwalificatie="nee")  # fmt: skip
    inhoud = client.get("/kennisbank/instrumenten/jongerenregeling/").content.decode()
    assert "van 16 tot en met 22 jaar" in inhoud
    assert "alleen zonder startkwalificatie" in inhoud


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.dictionaries(
        st.sampled_from(
            ["regio", "doelgroep", "startkwalificatie", "sector", "leeftijd", "peildatum"]
        ),
        st.one_of(
            st.text(max_size=30),
            st.sampled_from(["twente", "Enschede", "ww", "ja", "handel", "23", "2026-01-01"]),
        ),
    )
)
def test_any_answers_give_200_or_400_never_a_500(client, wereld, vraag):
    assert client.get(API, vraag).status_code in (200, 400)
    assert client.get(PAGINA, vraag).status_code in (200, 400)
