import pytest

from ideahautomo.accounts.models import PartnerOrganisation
from ideahautomo.services import demo
from ideahautomo.services.models import Service, ServiceTag

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


def test_demo_services_have_hours_and_drop_in_ones_among_them():
    demo.demo_create()
    demo.demo_create()

    services = Service.objects.filter(organisation__name__endswith="(demo)")
    assert services.count() == len(demo.SERVICES) >= 10
    assert services.filter(is_drop_in=True).count() >= 3
    assert not services.filter(hours__isnull=True).exists()
    assert set(ServiceTag.objects.filter(kind="need").values_list("code", flat=True)) >= {
        "job_search",
        "benefits",
        "business",
        "language",
    }
    assert services.filter(latitude__isnull=False).exists()
