"""What the follow-up's views share: finding a delegation with its roadmap
(404 unless permitted), and keeping an uploaded file (an engagement's, a
stage's evidence, an indicator update's evidence: the same form and the same
answer for all three)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from academy.models import Delegation
from accompaniment import services
from accompaniment.forms import AttachmentForm
from common.views import form_save_or_report, object_or_404_for


def delegation_with_roadmap(request, pk, perm):
    """The delegation, with its convening and roadmap, if the person has
    ``perm`` on it; 404 otherwise, or when it has no roadmap."""
    delegation = object_or_404_for(
        request.user,
        Delegation.objects.select_related("convening", "roadmap"),
        perm,
        pk=pk,
    )
    if not hasattr(delegation, "roadmap"):
        raise Http404
    return delegation


def attachment_keep(request, *, back: str, **owner):
    """Keep the file the request uploads as an attachment of ``owner``
    (``engagement=``, ``milestone=`` or ``update=``) and go back to ``back``,
    saying whether it was kept or why not."""
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        added = form_save_or_report(
            form,
            lambda: services.attachment_add(
                user=request.user,
                content=form.content(),
                filename=upload.name,
                **owner,
            ),
        )
        if added is not None:
            messages.success(request, _("%(name)s is attached.") % {"name": added.name})
            return redirect(back)
    messages.error(
        request, " ".join(e for errors in form.errors.values() for e in errors)
    )
    return redirect(back)
