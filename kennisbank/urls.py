from django.urls import path

from kennisbank import views

app_name = "kennisbank"

urlpatterns = [
    path("", views.index, name="index"),
]
