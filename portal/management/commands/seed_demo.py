from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from portal.demo import DEMO_ACCOUNTS, seed_demo


class Command(BaseCommand):
    help = "Load demo members, staff, commodities, orders and reviews; running it again adds nothing twice."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # Demo accounts have published passwords, one of them a superuser's: never in production.
            raise CommandError(_("seed_demo runs only in development (DJANGO_DEBUG=1); nothing was created."))
        report = seed_demo()
        if report.created:
            summary = ", ".join(f"{count} {name}" for name, count in report.created.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data created: {summary}."))
        else:
            self.stdout.write("Demo data already present; nothing added.")
        self.stdout.write("Demo accounts (development only):")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.member_name:<10} password: {account.password:<20} {account.role}")
