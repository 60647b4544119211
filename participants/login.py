"""The sign-in page, without autofocus: keyboard and screen-reader users start at the
top of the page (skip link, language switcher) like on every other page."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)


login = auth_views.LoginView.as_view(authentication_form=LoginForm)
