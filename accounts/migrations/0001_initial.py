"""The user model moved here from participants; its table keeps its name.

State only: the table, its indexes and its many-to-many tables already exist.
"""

import accounts.models
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('participants', '0003_invitation_email_failed'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='User',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('password', models.CharField(max_length=128, verbose_name='password')),
                        ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                        ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                        ('email', models.EmailField(max_length=254, unique=True, verbose_name='e-mail address')),
                        ('full_name', models.CharField(max_length=200, verbose_name='full name')),
                        ('preferred_language', models.CharField(choices=[('es', 'Spanish'), ('en', 'English')], default='es', max_length=5, verbose_name='preferred language')),
                        ('is_staff', models.BooleanField(default=False, verbose_name='staff')),
                        ('is_active', models.BooleanField(default=True, verbose_name='active')),
                        ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='date joined')),
                        ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                        ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
                    ],
                    options={
                        'db_table': 'participants_user',
                        'verbose_name': 'user',
                        'verbose_name_plural': 'users',
                        'ordering': ['full_name'],
                    },
                    managers=[
                        ('objects', accounts.models.UserManager()),
                    ],
                ),
            ],
        ),
    ]
