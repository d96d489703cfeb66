from django import forms
from django.contrib.auth.forms import UserCreationForm

from workbench.models import TARGETS, Collection, Item


class CollectionForm(forms.ModelForm):
    class Meta:
        model = Collection
        fields = ["name"]

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.owner = owner

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Give the collection a name.")
        # The unique constraint spans the owner, which is not a form field: checked here.
        taken = Collection.objects.owned_by(self.instance.owner).filter(name=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("You already have a collection with this name.")
        return name


class SaveForm(forms.Form):
    """One click from a search hit or a reading page: what to save, and where."""

    kind = forms.ChoiceField(
        choices=[(k, k) for k in TARGETS],
        error_messages={"invalid_choice": "That cannot be saved."},
    )
    pk = forms.IntegerField(min_value=1, error_messages={"invalid": "That cannot be saved."})
    position = forms.IntegerField(min_value=1, required=False)  # an article's passage
    anchor = forms.BooleanField(required=False)  # come back to the passage's #pN
    collection = forms.CharField(required=False)
    new_collection = forms.CharField(required=False, max_length=200)
    next = forms.CharField(required=False, max_length=2000)


class NoteForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = ["note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3, "maxlength": 10_000})}


class MoveForm(forms.Form):
    position = forms.IntegerField(min_value=1, required=False)
    collection = forms.ModelChoiceField(
        queryset=Collection.objects.none(), required=False, empty_label=None
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["collection"].queryset = Collection.objects.owned_by(owner)


class SignUpForm(UserCreationForm):
    email = forms.EmailField(required=True)

    class Meta(UserCreationForm.Meta):
        fields = ["username", "email"]
