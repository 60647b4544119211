"""`migrate`, first recording accounts/0001 as applied on a database made before
the user model moved from participants to accounts.

accounts/0001 changes only Django's picture of the models (the table kept its
name), but admin/0001 and the apps' migrations that point at the user model now
depend on it: on such a database Django would refuse to start with
InconsistentMigrationHistory. Recording it is all its migration would do.
"""

from django.core.management.commands import migrate
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

MOVED = ("accounts", "0001_initial")
MOVED_FROM = ("participants", "0003_invitation_email_failed")


def user_model_move_record(*, using: str) -> bool:
    """Record accounts/0001 as applied where participants/0003 already is."""
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return False
    applied = recorder.applied_migrations()
    if MOVED in applied or MOVED_FROM not in applied:
        return False
    recorder.record_applied(*MOVED)
    return True


class Command(migrate.Command):
    def handle(self, *args, **options):
        if user_model_move_record(using=options["database"]) and options["verbosity"]:
            self.stdout.write("Recorded accounts.0001_initial (the user model moved).")
        return super().handle(*args, **options)
