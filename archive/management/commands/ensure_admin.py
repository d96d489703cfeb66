import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Make sure a curator can log into the admin: if no superuser exists, create "
        "'admin' with the password in ARCHIVE_ADMIN_PASSWORD, or a random one that is "
        "printed and saved to the data folder (readable by this user only)."
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
        password = os.environ.get("ARCHIVE_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email="", password=password)
        if not os.environ.get("ARCHIVE_ADMIN_PASSWORD"):
            settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
            password_file.write_text(f"{username}\n{password}\n")
            password_file.chmod(0o600)
        self.stdout.write(self.style.SUCCESS(
            f"Created admin login: user “{username}”, password “{password}”"
            + ("" if os.environ.get("ARCHIVE_ADMIN_PASSWORD") else f" (saved in {password_file})")))
