from django.contrib import admin

from portal.admin import RegioBeperkteAdmin
from tests.regiotest.models import Aantekening, Notitie


@admin.register(Notitie)
class NotitieAdmin(RegioBeperkteAdmin):
    list_display = ["titel", "regio"]


@admin.register(Aantekening)
class AantekeningAdmin(RegioBeperkteAdmin):
    regio_veld = "regios"
    list_display = ["titel"]
