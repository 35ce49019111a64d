import datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kennisbank import services
from kennisbank.models import Instrument, Materiaal, Praktijkvoorbeeld
from portal.models import Sector
from tests.kennisbank.helpers import (
    PDF_INHOUD,
    instrument_formulier,
    maak,
    materiaal_formulier,
    praktijkvoorbeeld_formulier,
)
from tests.tweede_factor import inloggen_met_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    return {
        "twente": maak(Praktijkvoorbeeld, "Twents voorbeeld", regio="twente", concept=True),
        "limburg": maak(Praktijkvoorbeeld, "Limburgs voorbeeld", regio="noord-limburg"),
        "landelijk": maak(Praktijkvoorbeeld, "Landelijk voorbeeld"),
    }


def test_ambassadeur_sees_and_changes_only_own_region(client, ambassadeur_twente, items):
    inloggen_met_code(client, ambassadeur_twente)
    lijst = client.get("/admin/kennisbank/praktijkvoorbeeld/").content.decode()
    assert "Twents voorbeeld" in lijst
    assert "Limburgs voorbeeld" not in lijst and "Landelijk voorbeeld" not in lijst
    url = "/admin/kennisbank/praktijkvoorbeeld/{}/change/"
    assert client.get(url.format(items["twente"].pk)).status_code == 200
    assert client.get(url.format(items["limburg"].pk)).status_code == 403
    assert client.get(url.format(items["landelijk"].pk)).status_code == 403
    assert client.post(url.format(items["landelijk"].pk), {"titel": "x"}).status_code == 403
    history = "/admin/kennisbank/praktijkvoorbeeld/{}/history/"
    assert client.get(history.format(items["limburg"].pk)).status_code == 403
    assert client.get(history.format(items["twente"].pk)).status_code == 200


def test_redacteur_changes_national_items(client, redacteur, items):
    inloggen_met_code(client, redacteur)
    url = f"/admin/kennisbank/praktijkvoorbeeld/{items['landelijk'].pk}/change/"
    assert client.get(url).status_code == 200


def test_bulk_publish_and_archive_go_through_the_service(client, ambassadeur_twente, items):
    inloggen_met_code(client, ambassadeur_twente)
    actie = {"action": "publiceren", "_selected_action": [items["twente"].pk, items["limburg"].pk]}
    client.post("/admin/kennisbank/praktijkvoorbeeld/", actie)
    items["twente"].refresh_from_db()
    items["limburg"].refresh_from_db()
    assert items["twente"].status == "gepubliceerd" and items["twente"].gepubliceerd_op
    assert items["limburg"].status == "gepubliceerd"  # was already; not touched by this user
    client.post(
        "/admin/kennisbank/praktijkvoorbeeld/",
        {"action": "archiveren", "_selected_action": [items["limburg"].pk]},
    )
    items["limburg"].refresh_from_db()
    assert items["limburg"].status == "gepubliceerd"
    assert items["twente"].history.first().history_user == ambassadeur_twente


def test_te_controleren_lists_overdue_items_of_own_regions(client, ambassadeur_twente):
    maak(Instrument, "Oud Twents", regio="twente", te_controleren=True)
    maak(Instrument, "Vers Twents", regio="twente")
    maak(Instrument, "Oud Limburgs", regio="noord-limburg", te_controleren=True)
    inloggen_met_code(client, ambassadeur_twente)
    tekst = client.get("/admin/kennisbank/instrument/?controle=te-controleren").content.decode()
    assert "Oud Twents" in tekst
    assert "Vers Twents" not in tekst and "Oud Limburgs" not in tekst


def test_instrument_form_with_inline_steps_renders_html(client, redacteur):
    inloggen_met_code(client, redacteur)
    stappen = {
        "stappen-TOTAL_FORMS": "2",
        "stappen-0-volgorde": "2", "stappen-0-titel": "Tweede",
        "stappen-1-volgorde": "1", "stappen-1-titel": "Eerste",
    }  # fmt: skip
    response = client.post(
        "/admin/kennisbank/instrument/add/",
        instrument_formulier(
            titel="Nieuw", slug="nieuw", inhoud="**vet**", status="gepubliceerd", **stappen
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item = Instrument.objects.get(slug="nieuw")
    assert item.inhoud_html == "<p><strong>vet</strong></p>"
    assert [s.titel for s in item.stappen.all()] == ["Eerste", "Tweede"]
    assert item.gepubliceerd_op is not None


CHANGELIST = "/admin/kennisbank/{}/"
ACTIES = {
    "publiceren": lambda item: item.status == "gepubliceerd",
    "archiveren": lambda item: item.status == "gearchiveerd",
    "gecontroleerd": lambda item: item.controleren_voor > datetime.date.today(),
}


@pytest.mark.parametrize("model", [Instrument, Praktijkvoorbeeld, Materiaal])
@pytest.mark.parametrize("actie", list(ACTIES))
def test_bulk_actions_work_on_regional_and_national_items(client, redacteur, model, actie):
    # The changelist joins the optional region; locking that outer join gave a 500.
    extra = {"inhoud": "Tekst."} if model is Materiaal else {}
    items = [
        maak(model, "Regionaal", regio="twente", concept=True, te_controleren=True),
        maak(model, "Landelijk", concept=True, te_controleren=True, **extra),
    ]
    inloggen_met_code(client, redacteur)
    url = CHANGELIST.format(model._meta.model_name)
    for velden in ({}, {"index": "0"}):  # the action bar above and below the list
        response = client.post(
            url, {"action": actie, "_selected_action": [i.pk for i in items], **velden}
        )
        assert response.status_code == 302
    for item in items:
        item.refresh_from_db()
        assert ACTIES[actie](item)


def test_slug_taken_in_a_region_the_ambassadeur_cannot_see_is_a_form_error(
    client, ambassadeur_twente
):
    maak(Praktijkvoorbeeld, "Lassen in Venlo", regio="noord-limburg")
    maak(Instrument, "Lassen in Venlo")  # another type: the same slug is fine there
    inloggen_met_code(client, ambassadeur_twente)
    response = client.post(
        "/admin/kennisbank/praktijkvoorbeeld/add/", praktijkvoorbeeld_formulier()
    )
    assert response.status_code == 200
    assert "Er bestaat al een praktijkvoorbeeld met deze slug" in response.content.decode()
    assert Praktijkvoorbeeld.objects.count() == 1


def test_type_is_set_on_new_items_without_saving():
    assert Instrument().type == "instrument"
    assert Praktijkvoorbeeld(titel="x").type == "praktijkvoorbeeld"
    assert Materiaal().type == "materiaal"


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({"slug": "Lassen-In-Venlo"}, "Ongeldige slug"),
        ({"links": "ftp://bestanden.example.nl/lassen"}, "http:// of https://"),
        ({"jaar": "1989"}, "Kies een jaartal van 1990"),
        ({"jaar": str(datetime.date.today().year + 2)}, "Kies een jaartal van 1990"),
    ],
)
def test_admin_refuses_what_the_import_refuses(client, redacteur, velden, melding):
    inloggen_met_code(client, redacteur)
    response = client.post(
        "/admin/kennisbank/praktijkvoorbeeld/add/", praktijkvoorbeeld_formulier(**velden)
    )
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert not Praktijkvoorbeeld.objects.exists()


def test_admin_links_without_a_scheme_get_https(client, redacteur):
    inloggen_met_code(client, redacteur)
    response = client.post(
        "/admin/kennisbank/praktijkvoorbeeld/add/",
        praktijkvoorbeeld_formulier(links="www.example.nl/lassen,https://example.org/a"),
    )
    assert response.status_code == 302
    item = Praktijkvoorbeeld.objects.get()
    assert item.links == ["https://www.example.nl/lassen", "https://example.org/a"]


def test_admin_refuses_an_end_date_before_the_start(client, redacteur):
    inloggen_met_code(client, redacteur)
    response = client.post(
        "/admin/kennisbank/instrument/add/",
        instrument_formulier(geldig_van="2026-03-01", geldig_tot="2026-02-28"),
    )
    assert response.status_code == 200
    assert "ligt vóór de datum geldig vanaf" in response.content.decode()
    assert not Instrument.objects.exists()


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        (
            {
                "url": "https://video.example.nl/folder",
                "bestand": lambda: SimpleUploadedFile("f.pdf", PDF_INHOUD),
            },
            "niet allebei",
        ),
        ({}, "geef een bestand of een externe link"),
    ],
)
def test_materiaal_needs_a_file_or_a_link_not_both(client, redacteur, velden, melding):
    velden = {k: v() if callable(v) else v for k, v in velden.items()}
    inloggen_met_code(client, redacteur)
    response = client.post("/admin/kennisbank/materiaal/add/", materiaal_formulier(**velden))
    assert response.status_code == 200
    assert melding in response.content.decode().lower()
    assert not Materiaal.objects.exists()


@pytest.mark.parametrize(
    "velden",
    [
        {"url": "https://video.example.nl/folder"},
        {"bestand": SimpleUploadedFile("f.pdf", PDF_INHOUD)},
        {"inhoud": "Het materiaal is deze tekst."},
    ],
)
def test_materiaal_with_one_source_is_saved(client, redacteur, velden):
    inloggen_met_code(client, redacteur)
    response = client.post("/admin/kennisbank/materiaal/add/", materiaal_formulier(**velden))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Materiaal.objects.get().type == "materiaal"


def test_admin_saves_through_the_service_with_sectoren(client, redacteur):
    inloggen_met_code(client, redacteur)
    sector = Sector.objects.get(slug="handel")
    with mock.patch.object(
        services, "kennisitem_opslaan", wraps=services.kennisitem_opslaan
    ) as opslaan:
        response = client.post(
            "/admin/kennisbank/praktijkvoorbeeld/add/",
            praktijkvoorbeeld_formulier(inhoud="*nadruk*", sectoren=[sector.pk]),
        )
    assert response.status_code == 302
    opslaan.assert_called_once()
    item = Praktijkvoorbeeld.objects.get()
    assert item.inhoud_html == "<p><em>nadruk</em></p>"
    assert list(item.sectoren.all()) == [sector]


def test_preview_link_opens_concept_items_for_their_editors(client, ambassadeur_twente, items):
    inloggen_met_code(client, ambassadeur_twente)
    lijst = client.get("/admin/kennisbank/praktijkvoorbeeld/").content.decode()
    link = f"{items['twente'].get_absolute_url()}?voorbeeld=1"
    assert f'href="{link}"' in lijst
    response = client.get(link)
    assert response.status_code == 200
    assert "Concept – niet openbaar." in response.content.decode()


@pytest.fixture
def instrumenten():
    return {
        "eigen concept": maak(Instrument, "Twents concept", regio="twente", concept=True),
        "vreemd concept": maak(
            Instrument, "Geheim Achterhoeks plan", regio="achterhoek", concept=True
        ),
        "vreemd gepubliceerd": maak(Instrument, "Achterhoekse regeling", regio="achterhoek"),
        "landelijk": maak(Instrument, "Landelijke subsidie"),
    }


def test_instrument_choices_hold_only_what_the_ambassadeur_may_pick(
    client, ambassadeur_twente, items, instrumenten
):
    inloggen_met_code(client, ambassadeur_twente)
    for url in (
        "/admin/kennisbank/praktijkvoorbeeld/add/",
        f"/admin/kennisbank/praktijkvoorbeeld/{items['twente'].pk}/change/",
    ):
        response = client.get(url)
        keuzes = {
            i.titel for i in response.context["adminform"].form.fields["instrumenten"].queryset
        }
        assert keuzes == {"Twents concept", "Achterhoekse regeling", "Landelijke subsidie"}
        assert "Geheim Achterhoeks plan" not in response.text
    # Picking it anyway is a form error.
    response = client.post(
        "/admin/kennisbank/praktijkvoorbeeld/add/",
        praktijkvoorbeeld_formulier(instrumenten=[instrumenten["vreemd concept"].pk]),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["instrumenten"]
    assert not Praktijkvoorbeeld.objects.filter(slug="lassen-in-venlo").exists()


def test_a_redacteur_picks_from_every_instrument(client, redacteur, items, instrumenten):
    inloggen_met_code(client, redacteur)
    response = client.get("/admin/kennisbank/praktijkvoorbeeld/add/")
    keuzes = {i.titel for i in response.context["adminform"].form.fields["instrumenten"].queryset}
    assert keuzes == {i.titel for i in instrumenten.values()}


def test_saving_keeps_links_the_ambassadeur_cannot_see(
    client, ambassadeur_twente, items, instrumenten
):
    voorbeeld = items["twente"]
    voorbeeld.instrumenten.set([instrumenten["vreemd concept"], instrumenten["landelijk"]])
    inloggen_met_code(client, ambassadeur_twente)
    response = client.post(
        f"/admin/kennisbank/praktijkvoorbeeld/{voorbeeld.pk}/change/",
        praktijkvoorbeeld_formulier(
            titel="Twents voorbeeld",
            slug=voorbeeld.slug,
            instrumenten=[instrumenten["eigen concept"].pk],
        ),
    )
    assert response.status_code == 302
    assert {i.titel for i in voorbeeld.instrumenten.all()} == {
        "Twents concept",
        "Geheim Achterhoeks plan",
    }


def test_instrument_autocomplete_shows_no_other_regions_drafts(
    client, ambassadeur_twente, instrumenten
):
    inloggen_met_code(client, ambassadeur_twente)
    for bron in (("kennisbank", "praktijkvoorbeeld"), ("netwerk", "contactpersoon")):
        response = client.get(
            "/admin/autocomplete/",
            {"app_label": bron[0], "model_name": bron[1], "field_name": "instrumenten", "term": ""},
        )
        assert response.status_code == 200
        titels = {r["text"] for r in response.json()["results"]}
        assert "Twents concept" in titels
        assert "Geheim Achterhoeks plan" not in titels
