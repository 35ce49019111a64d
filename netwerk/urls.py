from django.urls import path

from netwerk import views

app_name = "netwerk"

urlpatterns = [
    path("", views.index, name="index"),
]
