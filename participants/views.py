from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from academy.enums import Language


@require_POST
def language_set(request):
    """Switch the interface language; a signed-in person keeps it as their own."""
    response = set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in Language.values:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response
