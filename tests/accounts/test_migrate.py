"""A database made before the user model moved to accounts still migrates."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from accounts.management.commands.migrate import user_model_move_record

MOVED = ("accounts", "0001_initial")


@pytest.mark.django_db
def test_migrate_records_the_moved_user_model_on_an_older_database():
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied(*MOVED)  # as on a database made before the move

    call_command("migrate", verbosity=0)

    assert MOVED in recorder.applied_migrations()


@pytest.mark.django_db
def test_migrate_shim_leaves_a_current_database_alone():
    recorder = MigrationRecorder(connection)

    assert user_model_move_record(using="default") is False
    assert MOVED in recorder.applied_migrations()


@pytest.mark.django_db
def test_migrate_shim_records_nothing_before_the_users_table_exists():
    recorder = MigrationRecorder(connection)
    recorder.record_unapplied(*MOVED)
    recorder.record_unapplied("participants", "0003_invitation_email_failed")

    assert user_model_move_record(using="default") is False
    assert MOVED not in recorder.applied_migrations()
