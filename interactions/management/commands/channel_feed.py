"""SHR-06: send each channel developer the new activity in its own channels (the daily job, run by hand)."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from interactions.applets import feed_developer, feed_developers
from privacy.models import Partner


class Command(BaseCommand):
    help = "Send each active channel developer (or the one named) the activity in its own channels."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--partner", default="", help="The code of one channel developer in the partner register.")

    def handle(self, *args: Any, partner: str, **options: Any) -> None:
        if partner:
            developer = Partner.objects.filter(code=partner, kind=Partner.Kind.CHANNEL).first()
            if developer is None:
                raise CommandError(f"No channel developer {partner!r} in the partner register.")
            counts = {developer.code: len(feed_developer(partner=developer))}
        else:
            counts = feed_developers()
        for code, count in counts.items():
            self.stdout.write(f"{code}: {count} activity rows sent")
