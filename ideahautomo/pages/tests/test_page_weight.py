"""Light pages: every page's first load stays under 50 KB without images.

The weight is what a browser with an empty cache downloads before it can show the page:
the HTML as it is sent (the service does not compress HTML itself) plus each style sheet
and script the page names, gzipped as whitenoise serves them in production. Images (photos,
the icon) are left out, as the goal says; the demo data fills the lists as in real use."""

import gzip
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import User
from ideahautomo.ideas.models import Idea
from ideahautomo.messaging.models import Conversation

pytestmark = pytest.mark.django_db

LIMIT = 50 * 1024
GUEST_PAGES = [
    "/",
    "/tutustu/",
    "/yhteisoohjeet/",
    "/tietosuoja/",
    "/saavutettavuus/",
    "/kirjaudu/",
    "/tapahtumat/",
    "/palvelut/",
]
MEMBER_PAGES = [
    "/",
    "/tervetuloa/",
    "/profiili/",
    "/jasenet/",
    "/suositukset/",
    "/opintopiirit/",
    "/tapahtumat/",
    "/tapahtumat/kalenteri/",
    "/ideat/",
    "/palvelut/",
    "/viestit/",
    "/ilmoitukset/",
    "/tilanne/",
    "/tili/",
]
ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')


def gzipped_size(url):
    path = finders.find(url.removeprefix(settings.STATIC_URL))
    assert path, url
    with open(path, "rb") as file:
        return len(gzip.compress(file.read(), compresslevel=9))


def first_load(client, path):
    """(bytes of HTML, bytes of CSS and JS) of the page at path."""
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    assets = sum(gzipped_size(url) for url in set(ASSET.findall(html)))
    return len(response.content), assets


def weights(client, paths):
    return {path: first_load(client, path) for path in paths}


@pytest.fixture
def demo(demo_data):
    return demo_data


def htmx_pages(member):
    """The pages that use htmx: an idea's page and a conversation."""
    idea = Idea.objects.filter(owner=member).first() or Idea.objects.first()
    conversation = Conversation.objects.filter(participants__user=member).first()
    return [idea.get_absolute_url(), reverse("messaging:conversation", args=[conversation.pk])]


def test_the_weight_counts_html_styles_and_scripts(client, demo):
    css = gzipped_size(settings.STATIC_URL + "css/site.css")
    htmx = gzipped_size(settings.STATIC_URL + "js/htmx-2.0.11.min.js")
    html, assets = first_load(client, "/")
    assert html > 2000
    assert assets == css  # htmx only where it is used
    member = User.objects.get(email=f"jasen@{DEMO_DOMAIN}")
    client.force_login(member)
    for path in htmx_pages(member):
        assert first_load(client, path)[1] == css + htmx, path


def test_guest_and_member_pages_weigh_under_50_kb(client, demo):
    heavy = {}
    for path, (html, assets) in weights(client, GUEST_PAGES).items():
        if html + assets >= LIMIT:
            heavy[f"guest {path}"] = (html, assets)
    member = User.objects.get(email=f"jasen@{DEMO_DOMAIN}")
    client.force_login(member)
    for path, (html, assets) in weights(client, MEMBER_PAGES + htmx_pages(member)).items():
        if html + assets >= LIMIT:
            heavy[f"member {path}"] = (html, assets)
    assert not heavy, f"over 50 KB (HTML, CSS and JS): {heavy}"
