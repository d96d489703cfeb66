from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from workbench.models import ResearcherProfile


class NewResearcherForm(forms.ModelForm):
    """A curator creates a researcher: a user without admin access, approved at once."""

    username = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    password = forms.CharField(
        widget=forms.PasswordInput,
        strip=False,
        help_text="Give it to the researcher; they can change it.",
    )

    class Meta:
        model = ResearcherProfile
        fields = ["approved"]

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("This username is taken.")
        return username

    def clean_password(self):
        validate_password(self.cleaned_data["password"])
        return self.cleaned_data["password"]

    def save(self, commit=True):
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                self.cleaned_data["username"],
                self.cleaned_data["email"],
                self.cleaned_data["password"],
                is_staff=False,
                is_superuser=False,
            )
            self.instance.user = user
            return super().save(commit=commit)


@admin.register(ResearcherProfile)
class ResearcherAdmin(admin.ModelAdmin):
    list_display = ["user", "email", "approved", "created"]
    list_filter = ["approved"]
    search_fields = ["user__username", "user__email"]
    actions = ["approve"]
    readonly_fields = ["user", "created"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = NewResearcherForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["username", "email", "password", "approved"]
        return ["user", "approved", "created"]

    @admin.display(ordering="user__email")
    def email(self, profile):
        return profile.user.email

    @admin.action(description="Approve the selected researchers")
    def approve(self, request, queryset):
        count = queryset.update(approved=True)
        self.message_user(request, f"{count} researcher{'s' if count != 1 else ''} approved.")
