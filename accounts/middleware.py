from django.utils import translation


class PreferredLanguageMiddleware:
    """A signed-in person's saved language wins over the browser's.

    Anonymous visitors keep what LocaleMiddleware chose (cookie, then
    Accept-Language, then Spanish).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)
