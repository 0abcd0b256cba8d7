from django.core.management.base import BaseCommand, CommandError

from partners.models import User
from partners.services import superuser_set


class Command(BaseCommand):
    help = (
        "Grant (or with --revoke take away) Django's superuser flag. Only here, on the server: "
        "nothing in the app can set it."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true", help="take the flag away")

    def handle(self, *args, email: str, revoke: bool, **options) -> None:
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None:
            raise CommandError(f"No account with e-mail address {email}")
        superuser_set(user=user, is_superuser=not revoke)
        state = "no longer a superuser" if revoke else "now a superuser"
        self.stdout.write(self.style.SUCCESS(f"{user.email} is {state}."))
