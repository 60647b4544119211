"""Invitation pages: the organizer's list per convening and its buttons, and the
public pages behind the e-mailed link (accept, ask for a new link)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from academy.models import Convening, Participant
from common.views import object_or_404_for
from participants import invitations
from participants.forms_invitations import InvitationRequestForm
from participants.invitations import InvitationState

# The session is tied to this backend: it is the one that checks passwords later.
LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _organized_convening(request, pk):
    return object_or_404_for(
        request.user,
        Convening.objects.for_user(request.user),
        "academy.change_convening",
        pk=pk,
    )


def _back_to(request, default):
    """Where to go after a button: the page that sent it, if it is one of ours."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@require_GET
@login_required
def invitation_list(request, pk):
    """Every participant of the convening by delegation, with invitation state."""
    convening = _organized_convening(request, pk)
    delegations = sorted(
        convening.delegations.prefetch_related(
            Prefetch(
                "members",
                queryset=Participant.objects.select_related("user").order_by(
                    "user__full_name", "pk"
                ),
                to_attr="member_rows",
            )
        ),
        key=lambda delegation: str(delegation.country.name),
    )
    states = invitations.invitation_states_for(convening=convening)
    context = {
        "convening": convening,
        "delegations": delegations,
        "states": states,
        **invitations.invitation_state_counts(states=states),
        "max_age_days": invitations.invitation_max_age().days,
    }
    return render(request, "participants/invitations/invitation_list.html", context)


# The invitation views below run the service in its own transaction, not the
# request's: its e-mails go out when it commits, so the answer can already say
# whether the mail server took them.
@transaction.non_atomic_requests
@login_required
@require_POST
def invitation_send(request, pk):
    """Invite one participant, or invite them again (the old link stops working)."""
    participant = object_or_404_for(
        request.user,
        Participant.objects.for_user(request.user).select_related(
            "user", "delegation__convening"
        ),
        "academy.change_delegation",
        pk=pk,
    )
    convening = participant.delegation.convening
    # Said in the confirmation: a resend makes the earlier link stop working.
    resending = invitations.invitation_was_sent(participant=participant)
    error = None
    try:
        invitations.invitation_send(
            participant=participant,
            sent_by=request.user,
            base_url=invitations.base_url_of(request),
        )
    except invitations.InvitationError as problem:
        error = problem.message
    states = invitations.invitation_states_for(
        convening=convening, delegation=participant.delegation
    )
    status = states.get(participant.pk)
    state = status.state if status else None
    if error is None and state == InvitationState.UNDELIVERED:
        error = _undelivered_message(status.email_error)
    name = {"name": participant.user.full_name, "email": participant.user.email}
    if resending:
        notice = _("Sent again to %(email)s. The link sent before no longer works.")
    elif state == InvitationState.SENDING:
        notice = _("Invitation queued: the e-mail goes out in a moment.")
    else:
        notice = _("Invitation sent.")
    notice %= name
    if request.htmx:
        return render(
            request,
            "participants/invitations/partials/invitation_row.html",
            {
                "member": participant,
                "states": states,
                "convening": convening,
                "notice": error or notice,
            },
        )
    if error:
        messages.error(request, error)
    elif resending:
        messages.success(request, notice)
    elif state == InvitationState.SENDING:
        messages.success(request, _("The invitation to %(name)s is being sent.") % name)
    else:
        messages.success(request, _("Invitation sent to %(name)s.") % name)
    return redirect(
        _back_to(request, default=f"{_list_url(convening)}#member-{participant.pk}")
    )


@transaction.non_atomic_requests
@login_required
@require_POST
def invitation_send_all(request, pk):
    """Invite everyone of the convening who has never been invited."""
    return _send_many(
        request,
        pk,
        invitations.invitation_send_all,
        nothing_sent=_("Everyone has already been invited."),
    )


@transaction.non_atomic_requests
@login_required
@require_POST
def invitation_resend_undelivered(request, pk):
    """Send again every invitation whose e-mail the mail server refused."""
    return _send_many(
        request,
        pk,
        invitations.invitation_resend_undelivered,
        nothing_sent=_("Every invitation was delivered."),
    )


def _send_many(request, pk, service, *, nothing_sent):
    convening = _organized_convening(request, pk)
    sent = service(
        convening=convening,
        sent_by=request.user,
        base_url=invitations.base_url_of(request),
    )
    _report_sent(request, sent)
    if not sent:
        messages.info(request, nothing_sent)
    return redirect(_back_to(request, default=_list_url(convening)))


def _report_sent(request, sent):
    """Tell how many e-mails went out, how many the worker is still sending and
    how many could not be sent."""
    counts = invitations.invitation_delivery_counts(invitations=sent)
    if counts["sent"]:
        messages.success(
            request,
            ngettext(
                "%(count)d invitation sent.",
                "%(count)d invitations sent.",
                counts["sent"],
            )
            % {"count": counts["sent"]},
        )
    if counts["sending"]:
        messages.info(
            request,
            ngettext(
                "%(count)d invitation is being sent: its state below changes "
                "once the mail server has taken it.",
                "%(count)d invitations are being sent: their state below changes "
                "once the mail server has taken them.",
                counts["sending"],
            )
            % {"count": counts["sending"]},
        )
    undelivered = counts["undelivered"]
    if undelivered:
        messages.error(
            request,
            ngettext(
                "%(count)d e-mail could not be sent: it is marked “Not delivered” "
                "below. Send it again once the mail server works.",
                "%(count)d e-mails could not be sent: they are marked “Not "
                "delivered” below. Send them again once the mail server works.",
                undelivered,
            )
            % {"count": undelivered},
        )


def _undelivered_message(reason):
    return _(
        "The e-mail could not be sent (%(reason)s). Check the address, or send it "
        "again once the mail server works."
    ) % {"reason": reason}


def _list_url(convening):
    return reverse("participants:invitation_list", kwargs={"pk": convening.pk})


def _no_referrer(response):
    # The page's address holds the link's secret: never pass it to another site.
    # Not "no-referrer": browsers then send "Origin: null" with the password form,
    # which Django's CSRF check rightly refuses.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


@never_cache
def invitation_accept(request, token):
    """The e-mailed link: choose a password, then be signed in."""
    try:
        invitation = invitations.invitation_for_token(token=token)
    except invitations.LinkInvalid:
        return _no_referrer(
            render(request, "participants/invitations/link_invalid.html", status=404)
        )
    except invitations.LinkUnusable as unusable:
        _speak_the_invitees_language(request, unusable.language)
        return _unusable(request, unusable.problem)
    user = invitation.participant.user
    _speak_the_invitees_language(request, user.preferred_language)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitations.invitation_accept(
                invitation=invitation, password=form.cleaned_data["new_password1"]
            )
        except invitations.LinkUnusable as unusable:
            return _unusable(request, unusable.problem)
        login(request, user, backend=LOGIN_BACKEND)
        messages.success(
            request,
            _("Welcome, %(name)s. Your password is set and you are signed in.")
            % {"name": user.get_short_name()},
        )
        return redirect("cohort:home")
    context = {
        "form": form,
        "invitee": user,
        "convening": invitation.participant.delegation.convening,
        "delegation": invitation.participant.delegation,
    }
    return _no_referrer(
        render(request, "participants/invitations/accept.html", context)
    )


def _speak_the_invitees_language(request, language):
    """The link's pages speak the invitee's language, as the e-mail did, unless
    this browser chose one (the language cookie) or someone is signed in (their
    own choice, PreferredLanguageMiddleware)."""
    chosen = settings.LANGUAGE_COOKIE_NAME in request.COOKIES
    if language and not chosen and not request.user.is_authenticated:
        translation.activate(language)
        request.LANGUAGE_CODE = language


def _unusable(request, problem):
    context = {"problem": problem, "form": InvitationRequestForm()}
    return _no_referrer(
        render(
            request,
            "participants/invitations/link_unusable.html",
            context,
            status=410,
        )
    )


def invitation_request_new(request):
    """Ask for a fresh link. The answer never says whether the address is known."""
    form = InvitationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitations.invitation_request_new(
            email=form.cleaned_data["email"],
            base_url=invitations.base_url_of(request),
        )
        return redirect("participants:invitation_request_done")
    return render(request, "participants/invitations/request_new.html", {"form": form})


@require_GET
def invitation_request_done(request):
    return render(request, "participants/invitations/request_done.html")
