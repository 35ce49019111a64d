from django.urls import path

from wegwijzer import views

app_name = "wegwijzer"

urlpatterns = [
    path("", views.index, name="index"),
    path("afdrukken/", views.afdrukken, name="afdrukken"),
]
