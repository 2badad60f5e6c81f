from django.core.management.base import BaseCommand

from timelines import services


class Command(BaseCommand):
    help = (
        "Record the reminders due now and send them (also on the beat schedule). Running it "
        "again sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument("--digests", action="store_true", help="Also send the daily digests.")

    def handle(self, *args, digests=False, **options):
        recorded = services.collect_due_reminders()
        sent, failed = services.deliver_pending()
        self.stdout.write(f"{recorded} reminders recorded, {sent} emails sent, {failed} failed.")
        if digests:
            self.stdout.write(f"{services.send_digests()} digest emails sent.")
        if failed:
            self.stderr.write("Failed emails stay pending and are retried on the next run.")
