"""The user model moved to accounts (accounts/0001): state only, no table changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('participants', '0003_invitation_email_failed'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='participant',
                    name='user',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='accounts.user', verbose_name='person'),
                ),
                migrations.AlterField(
                    model_name='invitation',
                    name='sent_by',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.user', verbose_name='sent by'),
                ),
                migrations.DeleteModel(name='User'),
            ],
        ),
    ]
