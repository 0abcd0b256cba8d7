from django.core.management.base import BaseCommand, CommandError

from partners.models import User
from partners.services import functional_admin_grant, functional_admin_revoke


class Command(BaseCommand):
    help = (
        "Make an account a functional admin (beheerder), or with --revoke take the role away. "
        "Only here, on the server: an admin who could make other accounts admins could act as "
        "their own second person."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true", help="take the role away")

    def handle(self, *args, email: str, revoke: bool, **options) -> None:
        user = User.objects.filter(email=email.strip().lower()).first()
        if user is None:
            raise CommandError(f"No account with e-mail address {email}")
        if revoke:
            functional_admin_revoke(user=user)
            self.stdout.write(self.style.SUCCESS(f"{user.email} is no longer a functional admin."))
        else:
            functional_admin_grant(user=user)
            self.stdout.write(self.style.SUCCESS(f"{user.email} is now a functional admin."))
