from django.urls import path

from effectiviteit import views

app_name = "effectiviteit"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("cijfers.csv", views.cijfers_csv, name="csv"),
    path("<slug:regio_slug>/factsheet/", views.factsheet, name="factsheet"),
]
