"""Password reset e-mails in the recipient's language, not the requester's."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation


class LocalizedPasswordResetForm(PasswordResetForm):
    def send_mail(
        self, subject_template_name, email_template_name, context, *args, **kwargs
    ):
        with translation.override(context["user"].preferred_language):
            super().send_mail(
                subject_template_name, email_template_name, context, *args, **kwargs
            )


password_reset = auth_views.PasswordResetView.as_view(
    form_class=LocalizedPasswordResetForm
)
