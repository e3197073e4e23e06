import pytest

from ideahautomo.accounts.models import PartnerOrganisation
from ideahautomo.services import demo

pytestmark = pytest.mark.django_db


def test_demo_organisations_cover_the_types_and_running_again_changes_nothing():
    demo.demo_create()
    demo.demo_create()

    organisations = PartnerOrganisation.objects.filter(name__endswith="(demo)")
    assert organisations.count() == len(demo.ORGANISATIONS)
    assert {o.kind for o in organisations} == set(PartnerOrganisation.Kind.values)
    for organisation in organisations:
        assert organisation.description_html
        assert organisation.municipalities_served.filter(pk=organisation.municipality_id).exists()
