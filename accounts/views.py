"""Sign-in, password reset and the language switcher."""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.addresses import email_normalize
from accounts.forms import LocalizedPasswordResetForm, LoginForm
from accounts.services import user_language_set
from common.client_ip import client_ip
from common.ratelimit import rate_limit_hit

login = auth_views.LoginView.as_view(authentication_form=LoginForm)

RESET_WINDOW_SECONDS = 60 * 60


class PasswordResetView(auth_views.PasswordResetView):
    """Django's password reset, with two limits per hour: per client (a clear
    answer, 429) and per address (the page says what it always says, so it
    tells no one whether the address has an account, and no e-mail leaves)."""

    form_class = LocalizedPasswordResetForm

    def form_valid(self, form):
        if rate_limit_hit(
            key=f"password-reset:client:{client_ip(self.request)}",
            limit=settings.PASSWORD_RESET_LIMIT_PER_CLIENT,
            window_seconds=RESET_WINDOW_SECONDS,
        ):
            context = self.get_context_data(form=form, rate_limited=True)
            return self.render_to_response(context, status=429)
        address = email_normalize(form.cleaned_data["email"])
        digest = hashlib.sha256(address.encode()).hexdigest()
        if rate_limit_hit(
            key=f"password-reset:address:{digest}",
            limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
            window_seconds=RESET_WINDOW_SECONDS,
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


password_reset = PasswordResetView.as_view()


@require_POST
def language_set(request):
    """Switch the interface language; a signed-in person keeps it as their own."""
    response = set_language(request)
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=request.POST.get("language"))
    return response
