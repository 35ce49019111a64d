from django.urls import path

from netwerk import views

app_name = "netwerk"

urlpatterns = [
    path("", views.index, name="index"),
    path("organisaties/<slug:sleutel>/", views.organisatie, name="organisatie"),
    path(
        "organisaties/<slug:sleutel>/fout-melden/",
        views.organisatie_fout_melden,
        name="organisatie_fout_melden",
    ),
    path("personen/<int:pk>/", views.contactpersoon, name="contactpersoon"),
    path(
        "personen/<int:pk>/fout-melden/",
        views.contactpersoon_fout_melden,
        name="contactpersoon_fout_melden",
    ),
    path("controle/<str:token>/", views.controle, name="controle"),
    path("<slug:regio>/", views.regio, name="regio"),
    path("<slug:regio>/export.csv", views.export_csv, name="export_csv"),
    path("<slug:regio>/export.vcf", views.export_vcard, name="export_vcard"),
]
