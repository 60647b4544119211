"""Sign-in, password reset and the language switcher."""

from django.contrib.auth import views as auth_views
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.forms import LocalizedPasswordResetForm, LoginForm
from accounts.services import user_language_set

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
