"""Partner organisations' pages: who sees and edits them, what is kept, what is refused."""

import importlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from ideahautomo.accounts.models import AuditEvent, PartnerOrganisation, Role
from ideahautomo.accounts.tests.factories import municipality
from ideahautomo.services import permissions, services
from ideahautomo.testing import LOGIN, ROLES, assert_role_table, expect, page_check, status_of

from .factories import PartnerOrganisationFactory, image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(cast):
    own = cast.partner.roles[Role.PARTNER].organisation
    with_logo = PartnerOrganisationFactory(name="Logollinen ry")
    services.organisation_set_logo(
        actor=cast.project_manager,
        organisation=with_logo,
        upload=SimpleUploadedFile("logo.png", image_bytes()),
    )
    return {
        "own": own,
        "other": PartnerOrganisationFactory(name="Toinen ry"),
        "inactive": PartnerOrganisationFactory(name="Lopettanut ry", is_active=False),
        "with_logo": with_logo,
    }


PUBLIC = expect(200)
EDITORS_OF_OWN = expect(404, guest=LOGIN, partner=200, project_manager=200)
EDITORS_OF_OTHER = expect(404, guest=LOGIN, project_manager=200)

GET_TABLE = {
    ("services:organisations", None): PUBLIC,
    ("services:organisation", "own"): PUBLIC,
    ("services:organisation", "other"): PUBLIC,
    ("services:organisation", "inactive"): expect(404, project_manager=200),
    ("services:logo_file", "with_logo"): PUBLIC,
    ("services:logo_file", "own"): expect(404),
    ("services:organisation_create", None): expect(403, guest=LOGIN, project_manager=200),
    ("services:organisation_edit", "own"): EDITORS_OF_OWN,
    ("services:organisation_edit", "other"): EDITORS_OF_OTHER,
    ("services:organisation_edit", "inactive"): EDITORS_OF_OTHER,
    ("services:organisation_logo", "own"): EDITORS_OF_OWN,
    ("services:organisation_logo", "other"): EDITORS_OF_OTHER,
}


@pytest.mark.parametrize(("url_name", "which"), GET_TABLE)
def test_who_may_open_each_page(cast, client_for, scene, url_name, which):
    url = reverse(url_name, args=[scene[which].pk] if which else [])
    check = page_check(client_for, cast.by_role(), url)
    assert_role_table(check, GET_TABLE[url_name, which], label=f"{url_name} {which}")


def edit_data(**overrides):
    data = {
        "name": "Kierrätyskeskus ry",
        "kind": "association",
        "description": "Autamme **kaikkia**.",
        "municipality": municipality("091").pk,
        "municipalities_served": [municipality("049").pk],
        "contact_email": "info@example.fi",
        "contact_phone": "+358 40 123 4567",
        "website": "https://example.fi/",
    }
    data.update(overrides)
    return data


def test_only_the_own_staff_and_the_project_manager_may_save_a_page(cast, client_for, scene):
    people = cast.by_role()
    for which, table in (("own", EDITORS_OF_OWN), ("other", EDITORS_OF_OTHER)):
        organisation = scene[which]
        for role, expected in zip(ROLES, table, strict=True):
            client = client_for(people[role])
            got = status_of(
                client.post(
                    reverse("services:organisation_edit", args=[organisation.pk]),
                    edit_data(name=f"{which} {role}"),
                )
            )
            expected = 302 if expected == 200 else expected
            assert got == expected, f"edit {which} as {role}: {got}, expected {expected}"
            client.logout()
        organisation.refresh_from_db()
        saved = "own project_manager" if which == "own" else "other project_manager"
        assert organisation.name == saved


def test_partner_staff_cannot_change_another_organisations_logo(cast, client_for, scene):
    response = client_for(cast.partner).post(
        reverse("services:organisation_logo", args=[scene["with_logo"].pk]), {"poista": "1"}
    )
    assert response.status_code == 404
    scene["with_logo"].refresh_from_db()
    assert scene["with_logo"].logo


def test_partner_fills_in_the_page_and_the_description_is_sanitised(cast, client_for, scene):
    organisation = scene["own"]
    response = client_for(cast.partner).post(
        reverse("services:organisation_edit", args=[organisation.pk]),
        edit_data(description="Tervetuloa! <script>alert(1)</script> [linkki](javascript:x)"),
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert "<script>" not in organisation.description_html
    assert "&lt;script&gt;" in organisation.description_html
    assert "javascript:" not in organisation.description_html
    assert set(organisation.municipalities_served.values_list("code", flat=True)) == {
        "091",
        "049",
    }
    assert AuditEvent.objects.filter(
        action="organisation.updated", object_id=str(organisation.pk)
    ).exists()
    page = client_for(None).get(organisation.get_absolute_url()).content.decode()
    assert "Helsinki" in page and "Espoo" in page and "https://example.fi/" in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("website", "http://example.fi/"),
        ("website", "javascript:alert(1)"),
        ("website", "ftp://example.fi/"),
        ("contact_phone", "soita <b>heti</b>"),
        ("contact_email", "ei-osoite"),
        ("name", ""),
        ("kind", "union"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_saved(
    cast, client_for, scene, field, value
):
    organisation = scene["own"]
    response = client_for(cast.partner).post(
        reverse("services:organisation_edit", args=[organisation.pk]),
        edit_data(**{field: value}),
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    organisation.refresh_from_db()
    assert organisation.name != "Kierrätyskeskus ry"


def test_a_non_https_website_is_refused_in_finnish(cast, client_for, scene):
    response = client_for(cast.partner).post(
        reverse("services:organisation_edit", args=[scene["own"].pk]),
        edit_data(website="http://example.fi/"),
    )
    assert response.context["form"].errors["website"] == [
        "Anna turvallisen sivuston osoite, joka alkaa https://."
    ]


def test_the_project_manager_creates_an_organisation(cast, client_for):
    response = client_for(cast.project_manager).post(
        reverse("services:organisation_create"), edit_data(name="Uusi opisto", kind="school")
    )
    organisation = PartnerOrganisation.objects.get(name="Uusi opisto")
    assert response["Location"] == organisation.get_absolute_url()
    assert organisation.get_kind_display() == "koulu tai oppilaitos"


def test_a_logo_is_re_encoded_smaller_without_its_metadata(cast, scene):
    organisation = scene["own"]
    upload = SimpleUploadedFile(
        "logo.jpg", image_bytes((2000, 1000), "JPEG", comment=b"secret place")
    )
    services.organisation_set_logo(actor=cast.partner, organisation=organisation, upload=upload)

    organisation.refresh_from_db()
    with Image.open(organisation.logo.open("rb")) as image:
        assert image.format == "PNG"
        assert image.size == (400, 200)
        assert "comment" not in image.info
    organisation.logo.close()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not an image", "Tiedosto ei ole kuva"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>x</script></svg>", "Tiedosto ei"),
    ],
)
def test_a_file_that_is_not_an_image_is_refused(cast, client_for, scene, content, message):
    organisation = scene["own"]
    response = client_for(cast.partner).post(
        reverse("services:organisation_logo", args=[organisation.pk]),
        {"logo": SimpleUploadedFile("logo.png", content)},
    )
    assert response.status_code == 200
    assert message in response.context["form"].errors["logo"][0]
    organisation.refresh_from_db()
    assert not organisation.logo


def test_a_too_large_logo_is_refused(cast, client_for, scene, settings):
    organisation = scene["own"]
    big = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024 + 1))
    response = client_for(cast.partner).post(
        reverse("services:organisation_logo", args=[organisation.pk]), {"logo": big}
    )
    assert "2 Mt" in response.context["form"].errors["logo"][0]
    organisation.refresh_from_db()
    assert not organisation.logo


def test_the_list_filters_by_type_and_municipality_served(client, scene):
    school = PartnerOrganisationFactory(name="Oppilaitos", kind="school")
    school.municipalities_served.add(municipality("092"))

    by_kind = client.get(reverse("services:organisations"), {"tyyppi": "school"})
    assert [o.name for o in by_kind.context["page"].object_list] == ["Oppilaitos"]
    by_place = client.get(reverse("services:organisations"), {"kunta": municipality("092").pk})
    assert [o.name for o in by_place.context["page"].object_list] == ["Oppilaitos"]
    everything = client.get(reverse("services:organisations"), {"kunta": "x", "tyyppi": "?"})
    names = [o.name for o in everything.context["page"].object_list]
    assert "Lopettanut ry" not in names and len(names) == 4


def test_list_and_page_queries_stay_the_same_with_many_organisations(
    cast, client_for, django_assert_max_num_queries
):
    def organisations(count):
        for index in range(count):
            organisation = PartnerOrganisationFactory(municipality=municipality("091"))
            organisation.municipalities_served.add(
                municipality("091"), municipality("049"), municipality("092")
            )
            if index == 0:
                first = organisation
        return first

    client = client_for(cast.partner)
    first = organisations(3)
    with django_assert_max_num_queries(9) as few:
        client.get(reverse("services:organisations"))
    organisations(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("services:organisations"))
    with django_assert_max_num_queries(8):
        client.get(reverse("services:organisation", args=[first.pk]))


def test_the_rules_themselves(cast, scene):
    editors = {
        role
        for role, person in cast.by_role().items()
        if permissions.can_edit_organisation(person, scene["own"])
    }
    assert editors == {"partner", "project_manager"}
    assert not permissions.can_edit_organisation(cast.partner, scene["other"])
    assert permissions.can_see_organisation(None, scene["other"])
    assert not permissions.can_see_organisation(cast.partner, scene["inactive"])


def test_the_old_kinds_are_mapped_to_the_new_vocabulary(db):
    migration = importlib.import_module(
        "ideahautomo.accounts.migrations.0007_partner_organisation_pages"
    )
    home = municipality("091")
    old = {
        kind: PartnerOrganisation.objects.create(name=kind, kind=kind, municipality=home)
        for kind in ("education", "union", "coaching", "public", "company", "association")
    }
    migration.kinds_forward(apps, None)

    new = {kind: PartnerOrganisation.objects.get(pk=org.pk) for kind, org in old.items()}
    assert {kind: organisation.kind for kind, organisation in new.items()} == {
        "education": "school",
        "union": "association",
        "coaching": "other",
        "public": "municipal",
        "company": "company",
        "association": "association",
    }
    assert list(new["union"].municipalities_served.all()) == [home]
