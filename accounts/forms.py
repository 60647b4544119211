"""The sign-in and password reset forms."""

from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm

from accounts.services import password_reset_email_queue


class LoginForm(AuthenticationForm):
    """Without autofocus: keyboard and screen-reader users start at the top of the
    page (skip link, language switcher) like on every other page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)


class LocalizedPasswordResetForm(PasswordResetForm):
    """Password reset e-mails sent by the worker, in the recipient's language
    (not the requester's), with a link made when the message leaves."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        password_reset_email_queue(
            user=context["user"],
            domain=context["domain"],
            site_name=context["site_name"],
            protocol=context["protocol"],
        )
