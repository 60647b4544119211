"""A person's API tokens: made (the secret shown once), listed, revoked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from opendata.forms import TokenForm
from opendata.models import ApiToken
from opendata.tokens import api_token_create, api_token_revoke


def _allowed(request):
    if not request.user.has_perm("opendata.use_api"):
        raise Http404


@login_required
@never_cache  # the secret is shown once, on this answer
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    _allowed(request)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = api_token_create(
            user=request.user, name=form.cleaned_data["name"]
        )
        form = TokenForm()
    return render(
        request,
        "opendata/api_tokens.html",
        {
            "tokens": ApiToken.objects.filter(user=request.user),
            "form": form,
            "secret": secret,
            "header_example": "Authorization: Bearer napa_…",
        },
    )


@login_required
@require_POST
def api_token_revoke_view(request, pk):
    _allowed(request)
    token = get_object_or_404(ApiToken, pk=pk)
    if token.user_id != request.user.pk:
        raise Http404
    api_token_revoke(token=token)
    messages.success(request, _("Token revoked: it opens nothing from now on."))
    return redirect("opendata:api_tokens")
