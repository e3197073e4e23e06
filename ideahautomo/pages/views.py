"""The public pages, the members' start page and the language switch."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language, get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ideahautomo.accounts import services as account_services
from ideahautomo.lib.language import remember_language

from .home import home_for


def home(request):
    if request.user.is_authenticated:
        return render(request, "pages/home_member.html", home_for(request.user))
    return render(request, "pages/home_guest.html")


def tour(request):
    return render(request, "pages/tour.html")


def _content_page(request, name, title):
    """A long text kept as one template per language (pages/content/<name>_<lang>.html);
    a language without its own text (plain Finnish, for most) gets the Finnish one."""
    language = get_language() if get_language() in dict(settings.LANGUAGES) else "fi"
    names = [f"pages/content/{name}_{language}.html", f"pages/content/{name}_fi.html"]
    return render(request, "pages/content_page.html", {"title": title, "content_template": names})


def guidelines(request):
    return _content_page(request, "guidelines", _("Community guidelines"))


def privacy(request):
    return _content_page(request, "privacy", _("Privacy notice"))


def accessibility(request):
    return _content_page(request, "accessibility", _("Accessibility statement"))


@login_required
def welcome(request):
    return render(request, "pages/welcome.html")


@require_GET
def set_language(request, language):
    """Switch the interface language; a signed-in person's choice is also saved.

    A plain link rather than a form, so that guests' pages carry no CSRF cookie and
    stay cacheable; the only effect is a language preference.
    """
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES) and check_for_language(language):
        remember_language(response, language)
        if request.user.is_authenticated:
            account_services.user_update_language(user=request.user, language=language)
    return response


def favicon(request):
    """Browsers and tools that ask for /favicon.ico get the icon the pages name."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
