from django.urls import path

from effectiviteit import views

app_name = "effectiviteit"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
