"""Sign-in, password reset and the language switcher."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.services import user_language_set


class LoginForm(AuthenticationForm):
    """Without autofocus: keyboard and screen-reader users start at the top of the
    page (skip link, language switcher) like on every other page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)


class LocalizedPasswordResetForm(PasswordResetForm):
    """Password reset e-mails in the recipient's language, not the requester's."""

    def send_mail(
        self, subject_template_name, email_template_name, context, *args, **kwargs
    ):
        with translation.override(context["user"].preferred_language):
            super().send_mail(
                subject_template_name, email_template_name, context, *args, **kwargs
            )


login = auth_views.LoginView.as_view(authentication_form=LoginForm)
password_reset = auth_views.PasswordResetView.as_view(
    form_class=LocalizedPasswordResetForm
)


@require_POST
def language_set(request):
    """Switch the interface language; a signed-in person keeps it as their own."""
    response = set_language(request)
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language"))
    return response
