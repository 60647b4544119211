"""Participant moved to academy (academy/0005): state only, no table changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('academy', '0005_participant_moved_here'),
        ('participants', '0004_user_moved_to_accounts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='invitation',
                    name='participant',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitations', to='academy.participant', verbose_name='participant'),
                ),
                migrations.DeleteModel(name='Participant'),
            ],
        ),
    ]
