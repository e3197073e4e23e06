"""The person's chosen interface language, remembered in Django's language cookie.

Interface languages are settings.LANGUAGES. Plain Finnish is one of them but not a
language of content: what people write, announcements' audiences and the like are in
the content languages, where plain Finnish counts as Finnish."""

from django.conf import settings

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
PLAIN_FINNISH = settings.PLAIN_FINNISH
CONTENT_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != PLAIN_FINNISH]


def content_language(code):
    """The language of content someone reading the interface in code reads: plain
    Finnish readers read Finnish."""
    return "fi" if code == PLAIN_FINNISH else code


def interface_languages(content_code):
    """The interface languages whose readers read content in content_code."""
    return [code for code, _name in settings.LANGUAGES if content_language(code) == content_code]


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
