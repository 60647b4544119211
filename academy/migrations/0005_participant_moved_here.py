"""Participant (a person's membership in a delegation) moved here from
participants; its table keeps its name. State only, no table changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('academy', '0004_bilingual_names'),
        ('accounts', '0001_initial'),
        ('participants', '0004_user_moved_to_accounts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Participant',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sector', models.CharField(choices=[('government', 'Government'), ('civil_society', 'Civil society')], max_length=20, verbose_name='sector')),
                        ('organization', models.CharField(blank=True, max_length=200, verbose_name='organization')),
                        ('position', models.CharField(blank=True, max_length=200, verbose_name='position')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('convening', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='participants', to='academy.convening', verbose_name='convening')),
                        ('delegation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='academy.delegation', verbose_name='delegation')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='accounts.user', verbose_name='person')),
                    ],
                    options={
                        'db_table': 'participants_participant',
                        'verbose_name': 'participant',
                        'verbose_name_plural': 'participants',
                        'ordering': ['user__full_name'],
                        'constraints': [models.UniqueConstraint(fields=('user', 'convening'), name='one_delegation_per_convening')],
                    },
                ),
                migrations.AlterField(
                    model_name='attendance',
                    name='participant',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendances', to='academy.participant', verbose_name='participant'),
                ),
            ],
        ),
    ]
