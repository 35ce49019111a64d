from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.models import Regio


@require_GET
def index(request):
    return render(request, "netwerk/index.html", {"regios": Regio.objects.all()})
