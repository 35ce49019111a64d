"""Forms of the netwerk pages."""

from django import forms

from netwerk.models import Correctie


class RegioZoekForm(forms.Form):
    q = forms.CharField(
        label="Regio of gemeente",
        max_length=100,
        help_text="Bijvoorbeeld Venlo, Enschede of Groot Amsterdam.",
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )


class FoutmeldingForm(forms.Form):
    melding = forms.CharField(
        label="Wat klopt er niet?",
        min_length=5,
        max_length=2000,
        help_text="Bijvoorbeeld: werkt hier niet meer, nieuw telefoonnummer, verkeerde rol.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class CorrectieForm(forms.ModelForm):
    """A person's own corrections to their entry, from the verification page."""

    class Meta:
        model = Correctie
        fields = ["naam", "functie", "email", "telefoon", "toelichting"]
        widgets = {
            "naam": forms.TextInput(attrs={"autocomplete": "name"}),
            "functie": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "telefoon": forms.TextInput(attrs={"autocomplete": "tel"}),
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"toelichting": "Bijvoorbeeld een andere organisatie of regio."}
