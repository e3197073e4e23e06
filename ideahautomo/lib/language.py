"""The person's chosen interface language, remembered in Django's language cookie."""

from django.conf import settings

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def chosen_language(request):
    """The language of the person's own choice (switcher, settings, sign-in), or None."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return code if code in LANGUAGE_CODES else None


def remember_language(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    return response
