"""Caps on what a request may send: a file upload stops at UPLOAD_MAX_BYTES, any other
body at DATA_UPLOAD_MAX_MEMORY_SIZE, and the sender gets a Dutch 413 instead of a 500
or a form that silently lost its file."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadhandler import FileUploadHandler
from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat


class UploadTeGroot(RequestDataTooBig):
    """A file (or the whole multipart body) is larger than UPLOAD_MAX_BYTES."""


class BegrensdeUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts each file's bytes as they arrive and stops
    the upload once one passes the limit, before the rest is read or stored."""

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # A body that cannot fit is refused before a single byte of it is read. The form
        # fields beside the file get the room of a body without files.
        if content_length > settings.UPLOAD_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise UploadTeGroot()

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.ontvangen = 0

    def receive_data_chunk(self, raw_data, start):
        self.ontvangen += len(raw_data)
        if self.ontvangen > settings.UPLOAD_MAX_BYTES:
            raise UploadTeGroot()
        return raw_data

    def file_complete(self, file_size):
        return None


def _melding(bestand: bool) -> str:
    if bestand:
        return (
            "Een bestand mag hoogstens "
            f"{filesizeformat(settings.UPLOAD_MAX_BYTES)} groot zijn; dit bestand is groter."
        )
    return (
        "De gegevens in dit verzoek zijn groter dan "
        f"{filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}; zo veel nemen wij niet aan."
    )


def te_groot(request, *, bestand: bool = False):
    melding = _melding(bestand)
    if request.path.startswith("/api/"):
        return JsonResponse({"fout": melding, "details": [], "detail": melding}, status=413)
    return render(request, "413.html", {"melding": melding}, status=413)


class UploadLimietMiddleware:
    """Reads a POSTed body before any view or the CSRF check does, so that a body over
    its cap is answered here with a 413 and never half-read by a view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH"):
            if request.content_type == "multipart/form-data":
                try:
                    request.POST  # noqa: B018  (parses the body, the files included)
                except RequestDataTooBig as exc:
                    return te_groot(request, bestand=isinstance(exc, UploadTeGroot))
            else:
                try:
                    lengte = int(request.META.get("CONTENT_LENGTH") or 0)
                except ValueError:
                    lengte = 0
                if lengte > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                    return te_groot(request)
        return self.get_response(request)
