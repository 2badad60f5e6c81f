from django.core.management.base import BaseCommand, CommandError

from accounts import services
from accounts.exceptions import DomainError
from accounts.models import SiteRole, User


class Command(BaseCommand):
    help = "Give an existing account the Secretariat role (recorded with the reason given)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--reason", required=True, help="Why; kept with the grant.")

    def handle(self, email, reason, **options):
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"No account uses {email}.")
        try:
            services.grant_site_role(
                user=user, role=SiteRole.Role.SECRETARIAT, actor=None, reason=reason
            )
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"{email} now holds the Secretariat role."))
