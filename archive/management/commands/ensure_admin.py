import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from archive.files import private_directory, write_private


class Command(BaseCommand):
    help = (
        "Make sure a curator can log into the admin: if no superuser exists, create "
        "'admin' with the password in ARCHIVE_ADMIN_PASSWORD (it must pass the password "
        "validators), or a random one that is printed once and saved to the data folder "
        "(readable by this user only)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ARCHIVE_ADMIN_USER", "admin"))

    def handle(self, *args, username, **options):
        User = get_user_model()
        password_file = settings.DATA_DIR / "admin-password.txt"
        if User.objects.filter(is_superuser=True).exists():
            where = f" (password in {password_file})" if password_file.exists() else ""
            self.stdout.write(f"Admin login exists{where}.")
            return
        chosen = os.environ.get("ARCHIVE_ADMIN_PASSWORD")
        if chosen:
            try:
                validate_password(chosen, User(username=username))
            except ValidationError as error:
                raise CommandError(
                    "ARCHIVE_ADMIN_PASSWORD is refused: "
                    + " ".join(error.messages)
                    + " No admin login was created."
                ) from error
            User.objects.create_superuser(username=username, email="", password=chosen)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Created admin login: user “{username}”, with the password from "
                    "ARCHIVE_ADMIN_PASSWORD."
                )
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        private_directory(settings.DATA_DIR)
        write_private(password_file, f"{username}\n{password}\n")
        self.stdout.write(
            self.style.SUCCESS(
                f"Created admin login: user “{username}”, password “{password}” "
                f"(saved in {password_file}, readable by this user only)."
            )
        )
