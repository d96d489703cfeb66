"""The review screens' forms: the import form, bulk review of quotes and mentions, and a
candidate name made into an entity or an alias."""

from django import forms
from django.core.exceptions import ValidationError

from articles.ingest.importing import human_size, max_bytes
from articles.models import Mention, Quote
from people.models import ENTITY_MODELS, Alias, Organization, Place

# -- form fields --------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        """The uploaded files, as they are: an empty or unreadable one is the importer's to
        report, file by file, not a reason to refuse the others."""
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if self.required and not files:
            raise ValidationError(self.error_messages["required"], code="required")
        if any(not getattr(f, "name", None) for f in files):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return files


def entity_label(entity):
    return f"{entity.name} ({entity._meta.verbose_name})"


def entity_key(entity):
    return f"{entity.link_field}:{entity.slug}"


class EntityField(forms.CharField):
    """A person, organization or place: "person:slug" from the list, or a name that names
    exactly one of them."""

    def __init__(self, *args, types=tuple(ENTITY_MODELS), **kwargs):
        self.types = types
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"list": "review-entities", "size": 36}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        kind, _, slug = value.partition(":")
        if kind in self.types and slug:
            found = ENTITY_MODELS[kind].objects.filter(slug=slug).first()
            if found is None:
                raise ValidationError(f"There is no {kind} “{slug}” in the archive.")
            return found
        found = [e for t in self.types for e in ENTITY_MODELS[t].objects.matching_name(value)]
        if not found:
            wanted = " or ".join(ENTITY_MODELS[t]._meta.verbose_name for t in self.types)
            raise ValidationError(f"No {wanted} is called “{value}”: pick one from the list.")
        if len(found) > 1:
            raise ValidationError(
                f"“{value}” could be {', '.join(map(entity_label, found))}: pick one from the list."
            )
        return found[0]


# -- forms ---------------------------------------------------------------------------


class ImportForm(forms.Form):
    text = forms.CharField(
        label="Paste the raw text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100}),
        help_text="Exactly as captured, furniture and all: the archive keeps it verbatim and "
        "separates the body from captions, credits and appeals itself.",
    )
    name = forms.CharField(
        label="File name to record",
        required=False,
        max_length=200,
        help_text="For pasted text: how the capture is known (default: pasted-<checksum>.txt).",
    )
    files = MultipleFileField(
        label="…or upload .txt files",
        required=False,
        help_text="UTF-8 text files; several at once if you like.",
    )

    def __init__(self, *args, limit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = limit or max_bytes()
        self.fields["files"].help_text += f" At most {human_size(self.limit)} each."

    def clean_text(self):
        text = self.cleaned_data["text"].replace("\r\n", "\n")
        if len(text.encode("utf-8")) > self.limit:
            raise ValidationError(
                f"The pasted text is {human_size(len(text.encode()))}, more "
                f"than the {human_size(self.limit)} limit for one article."
            )
        return text

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("text") or "").strip() and not cleaned.get("files") and not self.errors:
            raise ValidationError("Paste a text or choose at least one file to import.")
        return cleaned


class AliasProposalForm(forms.Form):
    """A name the importer proposed as another spelling of an entity (variants.py)."""

    name = forms.CharField(max_length=Alias._meta.get_field("name").max_length)
    entity = EntityField(required=True)

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class SpanReviewForm(forms.Form):
    """What quotes and mention forms share: the selection and accept / reject."""

    everything = forms.BooleanField(required=False, label="every unreviewed one of this article")

    def __init__(self, article, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.article = article
        self.fields["selected"].queryset = self.records()

    def records(self):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("selected") and not cleaned.get("everything"):
            raise ValidationError(
                f"Select at least one {self.noun}, or tick “every unreviewed one”."
            )
        return cleaned

    def chosen(self):
        if self.cleaned_data.get("everything"):
            return list(self.records().unreviewed())
        return list(self.cleaned_data["selected"])


class QuoteReviewForm(SpanReviewForm):
    noun = "quote"
    selected = forms.ModelMultipleChoiceField(queryset=Quote.objects.none(), required=False)
    action = forms.ChoiceField(
        choices=[
            ("accept", "Accept"),
            ("reject", "Reject"),
            ("speaker", "Give to this speaker and accept"),
            ("nobody", "Nobody named: keep this note and accept"),
        ]
    )
    speaker = EntityField(types=("person",), label="speaker")
    note = forms.CharField(
        required=False,
        max_length=300,
        label="who spoke, if nobody named",
        widget=forms.TextInput(attrs={"size": 36}),
    )

    def records(self):
        return self.article.quotes.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "speaker" and not cleaned.get("speaker"):
            self.add_error("speaker", "Choose the person who spoke.")
        if cleaned.get("action") == "nobody" and not (cleaned.get("note") or "").strip():
            self.add_error("note", "Say who spoke (“a fellow gym-goer”, “a sign”).")
        return cleaned


class MentionReviewForm(SpanReviewForm):
    noun = "mention"
    selected = forms.ModelMultipleChoiceField(queryset=Mention.objects.none(), required=False)
    action = forms.ChoiceField(
        choices=[
            ("accept", "Accept"),
            ("reject", "Reject"),
            ("entity", "Link to this entity instead and accept"),
        ]
    )
    entity = EntityField(label="entity")

    def records(self):
        return self.article.mentions.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "entity" and not cleaned.get("entity"):
            self.add_error("entity", "Choose the person, organization or place it names.")
        return cleaned


class CandidateForm(forms.Form):
    MAKE = [
        ("person", "a new person"),
        ("organization", "a new organization"),
        ("place", "a new place"),
        ("alias", "another name of …"),
    ]
    name = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"size": 24}))
    make = forms.ChoiceField(choices=MAKE, label="make it")
    organization_kind = forms.ChoiceField(
        choices=Organization.Kind.choices, required=False, initial=Organization.Kind.OTHER
    )
    place_kind = forms.ChoiceField(
        choices=Place.Kind.choices, required=False, initial=Place.Kind.CITY
    )
    alias_of = EntityField(label="alias of")
    scoped = forms.BooleanField(
        required=False,
        label="only in this article",
        help_text="For a bare first name that means someone else elsewhere.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("make") == "alias" and not cleaned.get("alias_of"):
            self.add_error("alias_of", "Choose whose other name this is.")
        return cleaned
