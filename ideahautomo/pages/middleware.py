"""The interface language: Finnish unless the person has chosen another one."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from ideahautomo.lib.language import chosen_language


class LanguageMiddleware:
    """Like Django's LocaleMiddleware, but a browser's Accept-Language does not
    override Finnish: the service is Finnish by default and people pick their
    language with the switcher, which is remembered in a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
