"""lib.linkable: an address becomes (kind, id) of a registered page, and links come back
only for what the viewer may see."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ideahautomo.lib.linkable import linkable_kinds, links_for, source_from_address

pytestmark = pytest.mark.django_db


def test_ideas_circles_and_services_are_registered():
    assert {kind for kind, _label in linkable_kinds()} >= {"idea", "circle", "service"}


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("/ideat/12-yhteinen-kahvila/", ("idea", 12)),
        ("/ideat/12/", ("idea", 12)),
        ("https://ideahautomo.fi/opintopiirit/7/?sivu=2", ("circle", 7)),
        ("  /palvelut/3/  ", ("service", 3)),
        ("/palvelut/3/muokkaa/", None),
        ("/tapahtumat/", None),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_an_address_names_a_registered_page_or_nothing(address, expected):
    assert source_from_address(address) == expected


def test_links_leave_out_unknown_kinds_and_missing_pages():
    assert links_for(AnonymousUser(), [("idea", 999), ("nothing", 1), ("", None)]) == {}
