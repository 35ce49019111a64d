"""Forms of the kennisbank admin. The rules on values live on the model (see
``kennisbank.validatie``); these forms add what a form must check itself."""

from django import forms
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.urls import reverse

from kennisbank.bestanden import bestand_controleren
from kennisbank.models import Kennisitem, Materiaal


class KennisitemForm(forms.ModelForm):
    class Meta:
        model = Kennisitem
        fields: list[str] = []

    def clean_slug(self):
        # ``type`` is no form field, so the form skips the (type, slug) constraint; and
        # the admin shows an ambassadeur only their own regions, so check all items here.
        slug = self.cleaned_data.get("slug")
        model = self._meta.model
        if slug and model.itemtype:
            bezet = (
                Kennisitem.objects.filter(type=model.itemtype, slug=slug)
                .exclude(pk=self.instance.pk)
                .exists()
            )
            if bezet:
                raise forms.ValidationError(
                    f"Er bestaat al een {model._meta.verbose_name} met deze slug, misschien in "
                    "een regio die u niet beheert. Kies een andere slug.",
                    code="slug_bezet",
                )
        return slug


class _Downloadlink(str):
    """The stored file's name as the widget shows it, with the address it links to."""

    def __new__(cls, naam: str, url: str):
        link = super().__new__(cls, naam)
        link.url = url
        return link


class BestandWidget(AdminFileWidget):
    """The admin's file field, linking the current file to the portal's own download (with
    its permission checks) instead of to the storage: there is no public media address,
    and a bucket's URL would skip those checks."""

    def is_initial(self, value):
        # A stored file, without asking the storage for a URL.
        return bool(value) and getattr(value, "instance", None) is not None

    def format_value(self, value):
        if not self.is_initial(value):
            return None
        url = reverse("kennisbank:materiaal_download", args=[value.instance.slug])
        return _Downloadlink(value.name, f"{url}?voorbeeld=1")


class MateriaalForm(KennisitemForm):
    class Meta:
        model = Materiaal
        fields = ["bestand"]
        widgets = {"bestand": BestandWidget}

    def clean_bestand(self):
        bestand = self.cleaned_data.get("bestand")
        if bestand and hasattr(bestand, "content_type"):  # a new upload
            try:
                bestand_controleren(bestand)
            except ValidationError as fout:
                raise forms.ValidationError(fout.messages) from None
        return bestand
