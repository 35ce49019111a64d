"""Dashboard, CSV, factsheet, API and admin: roles, regions and bad input."""

import datetime as dt
from dataclasses import replace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from effectiviteit.grafieken import tekst
from effectiviteit.models import Cijferopvraging, Importbatch, Traject
from effectiviteit.selectors import Filters, kerncijfers
from portal.models import Regio, Sector
from tests.effectiviteit.cohort import opslaan, traject, vaste_cohort
from tests.effectiviteit.helpers import csv_schrijven, rij, uploaden
from tests.tweede_factor import inloggen_met_code
from tests.wachtrij import wachtrij_afwerken

pytestmark = pytest.mark.django_db
# An upload is read in by a worker, which sees only what was committed (the ``wachtrij``
# fixture); it reports its progress through a second connection.
met_wachtrij = pytest.mark.django_db(transaction=True, databases="__all__")

PERIODE = "van=2024-01-01&tot=2024-06-30"


# --- The dashboard ------------------------------------------------------------------------


def test_dashboard_needs_login(client):
    response = client.get("/effectiviteit/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_dashboard_shows_figures_charts_tables_and_legend(client, professional):
    vaste_cohort()
    client.force_login(professional)
    response = client.get(f"/effectiviteit/?{PERIODE}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Twente" in html  # the user's first region by default
    for titel in (
        "Instroom per kwartaal",
        "Van instroom naar afronding en vervolg",
        "Afgerond per sector",
        "Afgerond per doelgroep",
        "Twente naast heel Nederland",
        "Redenen van uitval",
    ):
        assert titel in html
    assert html.count("<svg") >= 6 and html.count("<table") >= 6
    assert "&lt;5" in html and "Zo leest u de cijfers" in html
    assert "Cijfers downloaden" not in html  # professionals do not export
    assert "demogegevens" not in html


def test_chart_geometry_uses_decimal_points_in_a_dutch_page(client, professional):
    # Browsers ignore x="20,3": with Dutch number formatting the bars would vanish.
    import re

    vaste_cohort()
    client.force_login(professional)
    html = client.get(f"/effectiviteit/?{PERIODE}").content.decode()
    geometrie = re.findall(r'\b(?:x|y|x1|x2|y1|y2|width|height|viewBox)="([^"]*)"', html)
    assert geometrie
    assert [waarde for waarde in geometrie if "," in waarde] == []


def test_dashboard_says_when_data_is_synthetic(client, professional):
    opslaan([traject(synthetisch=True)])
    client.force_login(professional)
    assert "demogegevens" in client.get("/effectiviteit/").content.decode()


def test_missing_value_is_spoken_not_a_bare_dash(client, professional):
    vaste_cohort()
    client.force_login(professional)
    html = client.get(f"/effectiviteit/?{PERIODE}").content.decode()
    markering = '<span aria-hidden="true">–</span><span class="visually-hidden">geen cijfer</span>'
    assert markering in html
    assert "<td>–</td>" not in html
    assert '<span class="tegel-waarde">–</span>' not in html


def test_small_cohort_shows_dashes_for_what_it_does_not_break_down(client, professional):
    opslaan([traject(sleutel=0) for _ in range(9)])  # published 7: no breakdown
    client.force_login(professional)
    html = client.get(f"/effectiviteit/?regio=twente&{PERIODE}").content.decode()
    tegel = '<span class="tegel-waarde"><span aria-hidden="true">–</span>'
    assert html.count(tegel) == 5  # all tiles but the number of trajectories
    assert '<span class="tegel-waarde">7</span>' in html


def test_the_legend_names_the_smallest_cell_of_the_setting(settings, client, professional):
    from effectiviteit import selectors

    settings.EFFECTIVITEIT_MIN_CEL = 3
    assert selectors.min_cel() == 3
    client.force_login(professional)
    assert "<dt>&lt;3</dt>" in client.get("/effectiviteit/").content.decode()


def test_dashboard_queries_are_bounded_and_do_not_grow_with_the_trajectories(
    client, professional, django_assert_max_num_queries
):
    vaste_cohort()
    client.force_login(professional)
    client.get("/effectiviteit/")
    queries = [f"regio=landelijk&{PERIODE}", f"regio=twente&sector=handel&{PERIODE}"]
    eerst = {}
    for query in queries:
        with django_assert_max_num_queries(20) as gedaan:
            assert client.get(f"/effectiviteit/?{query}").status_code == 200
        eerst[query] = len(gedaan.captured_queries)
    vaste_cohort()  # as many trajectories again
    for query in queries:
        with django_assert_max_num_queries(eerst[query]):
            assert client.get(f"/effectiviteit/?{query}").status_code == 200


# --- Filters, the CSV, the factsheet and the API ------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "regio=atlantis",
        "van=gisteren",
        "van=2024-13-01",
        "tot=31-02-2024",
        "van=2024-06-01&tot=2024-01-01",
        "van=1800-01-01&tot=2024-01-01",
        "sector=bouw",
        "doelgroep=studenten",
        "aanleverende_partij=bank",
        "van=" + "9" * 500,
    ],
)
def test_bad_filters_give_a_dutch_400_everywhere(client, manager, query):
    client.force_login(manager)
    for pad in (
        "/effectiviteit/",
        "/effectiviteit/cijfers.csv",
        "/effectiviteit/twente/factsheet/",
    ):
        if "factsheet" in pad and query.startswith("regio="):
            continue  # the factsheet takes its region from the path
        response = client.get(f"{pad}?{query}")
        assert response.status_code == 400, pad
        assert "kloppen niet" in response.content.decode()
    response = client.get(f"/api/v1/effectiviteit/kerncijfers?{query}")
    assert response.status_code == 400
    assert response.json()["fout"]


def test_filters_accept_names_and_dutch_dates(client, manager):
    vaste_cohort()
    client.force_login(manager)
    response = client.get(
        "/api/v1/effectiviteit/kerncijfers?regio=%20TWENTE%20&van=1-1-2024&tot=30-06-2024"
        "&sector=Handel&doelgroep=BIJSTAND"
    )
    assert response.status_code == 200
    f = Filters(
        van=dt.date(2024, 1, 1),
        tot=dt.date(2024, 6, 30),
        regio=Regio.objects.get(slug="twente"),
        sector=Sector.objects.get(slug="handel"),
        doelgroep="bijstand",
    )
    assert response.json() == {**kerncijfers(f), "filters": f.als_dict()}


def test_csv_is_for_managers_only(client, professional, manager):
    vaste_cohort()
    client.force_login(professional)
    assert client.get(f"/effectiviteit/cijfers.csv?{PERIODE}").status_code == 403
    client.force_login(manager)
    response = client.get(f"/effectiviteit/cijfers.csv?{PERIODE}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    regels = response.content.decode("utf-8-sig").splitlines()
    f = Filters(
        van=dt.date(2024, 1, 1), tot=dt.date(2024, 6, 30), regio=Regio.objects.get(slug="twente")
    )
    kern, land = kerncijfers(f), kerncijfers(f.landelijk())
    assert f"regio;n_trajecten;{tekst(kern['n_trajecten'])}" in regels
    assert f"regio;uitvalredenen:motivatie;{tekst(kern['uitvalredenen']['motivatie'])}" in regels
    assert f"regio;afgerond_pct;{tekst(kern['afgerond_pct'])}" in regels
    assert f"nederland;n_trajecten;{tekst(land['n_trajecten'])}" in regels
    handel = kerncijfers(replace(f, sector=Sector.objects.get(slug="handel")))
    assert f"sector:handel;afgerond;{tekst(handel['status']['afgerond'])}" in regels
    api = client.get(f"/api/v1/effectiviteit/kerncijfers?regio=twente&{PERIODE}").json()
    assert api == {**kern, "filters": f.als_dict()}
    assert not any("sleutel" in r for r in regels)
    dashboard = client.get(f"/effectiviteit/?{PERIODE}").content.decode()
    assert "Cijfers downloaden (CSV)" in dashboard


def test_the_factsheet_shows_a_known_region_beside_the_country(client, professional):
    vaste_cohort()
    client.force_login(professional)
    response = client.get(f"/effectiviteit/twente/factsheet/?{PERIODE}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "factsheet" in html and "Nederland" in html
    assert client.get("/effectiviteit/atlantis/factsheet/").status_code == 404


def test_factsheet_shows_labels_and_links_back_with_every_filter(client, professional):
    vaste_cohort()
    client.force_login(professional)
    html = client.get(
        f"/effectiviteit/twente/factsheet/?{PERIODE}&sector=handel&doelgroep=ww"
        "&aanleverende_partij=sw-bedrijf"
    ).content.decode()
    assert "doelgroep WW-uitkering" in html
    assert "aanleverende partij Sw-bedrijf" in html
    assert (
        "/effectiviteit/?regio=twente&amp;van=2024-01-01&amp;tot=2024-06-30&amp;sector=handel"
        "&amp;doelgroep=ww&amp;aanleverende_partij=sw-bedrijf"
    ) in html


def test_chart_tables_are_printed(client, professional):
    from pathlib import Path

    from django.contrib.staticfiles import finders

    vaste_cohort()
    client.force_login(professional)
    html = client.get(f"/effectiviteit/twente/factsheet/?{PERIODE}").content.decode()
    assert "css/effectiviteit" in html
    assert '<details class="grafiek-tabel">' in html
    css = Path(finders.find("css/effectiviteit.css")).read_text(encoding="utf-8")
    afdruk = css[css.index("@media print") :]
    assert "details.grafiek-tabel::details-content" in afdruk
    assert "details.grafiek-tabel > *:not(summary) { display: block; }" in afdruk


def test_api_needs_login_and_has_the_contract_keys(client, professional):
    vaste_cohort()
    assert client.get("/api/v1/effectiviteit/kerncijfers").status_code == 401
    client.force_login(professional)
    data = client.get(f"/api/v1/effectiviteit/kerncijfers?regio=twente&{PERIODE}").json()
    for sleutel in (
        "n_trajecten",
        "status",
        "behaald",
        "uitvalredenen",
        "vervolg",
        "instroom_per_kwartaal",
        "afgerond_pct",
        "uitval_pct",
        "duurzame_baan_pct",
        "onderwijs_pct",
        "bewijsstuk_pct",
        "mediane_duur_dagen",
    ):
        assert sleutel in data
    assert set(data["instroom_per_kwartaal"]) == {"2024-K1", "2024-K2"}
    assert abs(data["instroom_per_kwartaal"]["2024-K1"] - 20) <= 2
    assert "recordsleutel" not in str(data) and "sleutel" not in str(data)
    landelijk = client.get(f"/api/v1/effectiviteit/kerncijfers?regio=landelijk&{PERIODE}").json()
    assert abs(landelijk["n_trajecten"] - 27) <= 2
    # Each request is noted without its answer.
    opvraging = Cijferopvraging.objects.filter(bron="api").first()
    assert opvraging.gebruiker == professional
    assert opvraging.filters["regio"] is None
    assert set(opvraging.filters) == {
        "regio",
        "van",
        "tot",
        "sector",
        "doelgroep",
        "aanleverende_partij",
    }


def test_the_api_without_regio_counts_the_whole_country_the_dashboard_shows_the_own_region(
    client, professional
):
    vaste_cohort()  # Twente, and one trajectory in Noord-Limburg
    client.force_login(professional)  # holds Twente
    zonder = client.get(f"/api/v1/effectiviteit/kerncijfers?{PERIODE}").json()
    landelijk = client.get(f"/api/v1/effectiviteit/kerncijfers?regio=landelijk&{PERIODE}").json()
    assert zonder == landelijk
    assert zonder["filters"]["regio"] is None
    assert "Twente, trajecten gestart" in client.get(f"/effectiviteit/?{PERIODE}").text


def test_figure_requests_are_listed_for_the_beheerder_only(client, beheerder, manager):
    inloggen_met_code(client, manager)
    client.get(f"/effectiviteit/?regio=twente&{PERIODE}")
    client.get(f"/effectiviteit/cijfers.csv?regio=twente&{PERIODE}")
    assert list(Cijferopvraging.objects.values_list("bron", flat=True).order_by("pk")) == [
        "dashboard",
        "csv",
    ]
    assert client.get("/admin/effectiviteit/cijferopvraging/").status_code in (302, 403)
    inloggen_met_code(client, beheerder)
    html = client.get("/admin/effectiviteit/cijferopvraging/").content.decode()
    assert "manager" in html and "dashboard" in html


# --- Uploads and trajectory rows in the admin ---------------------------------------------


def _upload(client, tmp_path, rijen, **extra):
    """Upload, let the worker read the file in, and return the job's status page."""
    response = uploaden(client, csv_schrijven(tmp_path / "upload.csv", rijen), **extra)
    assert response.status_code == 302, response.content.decode()
    wachtrij_afwerken()
    return client.get(response["Location"])


@met_wachtrij
def test_ambassadeur_uploads_for_own_region_only(wachtrij, client, tmp_path, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    assert client.get("/admin/effectiviteit/importbatch/add/").status_code == 200
    response = _upload(
        client, tmp_path, [rij(traject_id="A"), rij(traject_id="B", regio="noord-limburg")]
    )
    assert response.status_code == 200
    assert "rij 3: regio: u mag alleen trajecten van uw eigen regio" in response.content.decode()
    assert Traject.objects.count() == 0
    response = _upload(client, tmp_path, [rij(traject_id="A")])
    assert response.status_code == 200
    assert "OK: 1 nieuw, 0 bijgewerkt" in response.content.decode()
    assert Traject.objects.count() == 1
    lijst = client.get("/admin/effectiviteit/importbatch/").content.decode()
    assert "upload.csv" in lijst


@met_wachtrij
def test_ambassadeur_sees_own_refused_upload(
    wachtrij, client, tmp_path, ambassadeur_twente, ambassadeur_noord_limburg
):
    inloggen_met_code(client, ambassadeur_twente)
    response = _upload(client, tmp_path, [rij(traject_id="A", doelgroep="student")])
    assert response.status_code == 200
    assert "Het bestand is niet ingelezen: er is niets opgeslagen." in response.content.decode()
    batch = Importbatch.objects.get()
    assert batch.resultaat == "afgewezen" and not batch.regios.exists()
    assert "upload.csv" in client.get("/admin/effectiviteit/importbatch/").content.decode()
    detail = client.get(f"/admin/effectiviteit/importbatch/{batch.pk}/change/")
    assert detail.status_code == 200
    assert "doelgroep" in detail.content.decode()
    inloggen_met_code(client, ambassadeur_noord_limburg)
    assert "upload.csv" not in client.get("/admin/effectiviteit/importbatch/").content.decode()
    assert client.get(f"/admin/effectiviteit/importbatch/{batch.pk}/change/").status_code in (
        403,
        302,
    )


@met_wachtrij
def test_ambassadeur_does_not_see_other_regions_imports(
    wachtrij, client, tmp_path, ambassadeur_twente, ambassadeur_noord_limburg
):
    inloggen_met_code(client, ambassadeur_noord_limburg)
    _upload(client, tmp_path, [rij(traject_id="A", regio="noord-limburg")])
    batch = Importbatch.objects.get()
    inloggen_met_code(client, ambassadeur_twente)
    assert "upload.csv" not in client.get("/admin/effectiviteit/importbatch/").content.decode()
    assert client.get(f"/admin/effectiviteit/importbatch/{batch.pk}/change/").status_code == 403


@met_wachtrij
def test_a_dry_run_upload_writes_nothing(wachtrij, client, tmp_path, beheerder):
    inloggen_met_code(client, beheerder)
    response = _upload(client, tmp_path, [rij(traject_id="A", regio="rijnmond")], proefrun="on")
    assert "Proefrun" in response.content.decode()
    assert Traject.objects.count() == 0


def test_an_invalid_form_is_answered_at_once_with_400(client, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    bestand = SimpleUploadedFile("trajecten.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post("/admin/effectiviteit/importbatch/add/", {"bestand": bestand})
    assert response.status_code == 400
    assert "Kies een .csv- of .xlsx-bestand." in response.content.decode()


@pytest.mark.parametrize("fixture", ["professional", "manager", "redacteur"])
def test_readers_cannot_upload(request, client, fixture):
    inloggen_met_code(client, request.getfixturevalue(fixture))
    assert client.get("/admin/effectiviteit/importbatch/add/").status_code in (302, 403)


def test_upload_help_text_is_linked_to_its_field(client, ambassadeur_twente):
    inloggen_met_code(client, ambassadeur_twente)
    html = client.get("/admin/effectiviteit/importbatch/add/").content.decode()
    assert 'aria-describedby="id_bestand_helptext"' in html
    assert 'id="id_bestand_helptext"' in html


@pytest.mark.parametrize("fixture", ["professional", "manager", "ambassadeur_twente", "redacteur"])
def test_only_the_beheerder_browses_trajectory_rows(request, client, fixture, beheerder):
    vaste_cohort()
    inloggen_met_code(client, request.getfixturevalue(fixture))
    response = client.get("/admin/effectiviteit/traject/")
    assert response.status_code in (302, 403)
    inloggen_met_code(client, beheerder)
    assert client.get("/admin/effectiviteit/traject/").status_code == 200


def test_the_record_key_is_not_shown_even_to_the_beheerder(client, beheerder):
    opslaan([traject(sleutel=987)])
    rij = Traject.objects.get()
    inloggen_met_code(client, beheerder)
    for pad in ("/admin/effectiviteit/traject/", f"/admin/effectiviteit/traject/{rij.pk}/change/"):
        response = client.get(pad)
        assert response.status_code == 200
        html = response.content.decode()
        assert "987" not in html and "sleutel" not in html.lower()


def test_nobody_deletes_or_edits_trajectories_in_the_admin(client, beheerder):
    opslaan([traject()])
    pk = Traject.objects.get().pk
    inloggen_met_code(client, beheerder)
    lijst = client.get("/admin/effectiviteit/traject/")
    assert lijst.status_code == 200
    assert "delete_selected" not in lijst.content.decode()
    assert client.get(f"/admin/effectiviteit/traject/{pk}/delete/").status_code == 403
    assert (
        client.post(f"/admin/effectiviteit/traject/{pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert client.post(
        "/admin/effectiviteit/traject/",
        {"action": "delete_selected", "_selected_action": [pk], "post": "yes"},
    ).status_code in (200, 302)
    assert Traject.objects.count() == 1
    assert client.get("/admin/effectiviteit/traject/add/").status_code == 403


# --- The code's layout --------------------------------------------------------------------


def test_replaced_modules_and_names_stay_gone():
    # This checks the code's layout, not behaviour: the CSV rows live in csvexport alone,
    # and the modules and names folded into others are not there to be imported by mistake.
    import importlib.util

    from effectiviteit import grafieken, inlezen, views
    from effectiviteit.csvexport import csv_rijen

    assert callable(csv_rijen) and not hasattr(views, "csv_rijen")
    for weg in ("cijfers", "kubus", "onderdrukking", "woorden"):
        assert importlib.util.find_spec(f"effectiviteit.{weg}") is None
    assert not hasattr(inlezen, "VOORWAARDELIJK")
    assert not hasattr(grafieken, "_tekst")
