"""Profile photos in the sizes the pages show: 64 and 128 px squares made on upload (or the
first time an older photo is shown), served to those who see the profile, loaded lazily."""

import io

import pytest
from django.urls import reverse
from PIL import Image

from ideahautomo.profiles import services
from ideahautomo.profiles.models import Profile
from ideahautomo.testing import LOGIN, ROLES, status_of

from .test_services import image_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def photographed(cast, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    profile = cast.member.profile
    services.profile_set_photo(
        actor=cast.member, profile=profile, upload=image_upload(size=(1600, 900))
    )
    return profile


def stored(profile, size):
    return profile.photo.storage.exists(services.rendition_name(profile.photo.name, size))


def test_uploading_makes_small_squares_beside_the_photo(photographed):
    for size in services.PHOTO_RENDITION_SIZES:
        name = services.rendition_name(photographed.photo.name, size)
        with photographed.photo.storage.open(name) as file, Image.open(file) as image:
            assert image.size == (size, size)
            assert image.format == "JPEG"
    original = photographed.photo.storage.size(photographed.photo.name)
    assert photographed.photo.storage.size(services.rendition_name(photographed.photo.name, 64)) < (
        original / 4
    )


@pytest.mark.parametrize("role", ROLES)
def test_the_small_photo_is_served_exactly_to_those_who_see_the_photo(
    photographed, cast, client_for, role
):
    person = None if role == "guest" else getattr(cast, role)
    client = client_for(person)
    if person is None:
        client.logout()
    user_id = photographed.user_id
    full = status_of(client.get(reverse("profiles:photo_file", args=[user_id])))
    small = client.get(reverse("profiles:photo_rendition", args=[user_id, 64]))
    assert status_of(small) == full
    expected = {"guest": LOGIN, "member": 200, "mentor": 200, "contact_person": 404}
    if role in expected:
        assert status_of(small) == expected[role]
    if status_of(small) == 200:
        assert small["Content-Type"] == "image/jpeg"
        assert small["Cache-Control"] == "private, max-age=3600"
        with Image.open(io.BytesIO(b"".join(small.streaming_content))) as image:
            assert image.size == (64, 64)


def test_a_hidden_profile_hides_the_small_photo_too(photographed, cast, client_for):
    Profile.objects.filter(pk=photographed.pk).update(visibility=Profile.Visibility.HIDDEN)
    url = reverse("profiles:photo_rendition", args=[photographed.user_id, 64])
    assert client_for(cast.mentor).get(url).status_code == 404


@pytest.mark.parametrize("size", [0, 32, 63, 512, 99999])
def test_other_sizes_are_not_made(photographed, cast, client_for, size):
    url = reverse("profiles:photo_rendition", args=[photographed.user_id, size])
    assert client_for(cast.mentor).get(url).status_code == 404
    assert not stored(photographed, size)


def test_no_photo_no_small_photo(cast, client_for):
    url = reverse("profiles:photo_rendition", args=[cast.mentor.pk, 64])
    assert client_for(cast.member).get(url).status_code == 404


def test_an_older_photo_gets_its_small_sizes_when_first_shown(photographed, cast, client_for):
    storage = photographed.photo.storage
    for size in services.PHOTO_RENDITION_SIZES:
        storage.delete(services.rendition_name(photographed.photo.name, size))
    url = reverse("profiles:photo_rendition", args=[photographed.user_id, 128])
    response = client_for(cast.mentor).get(url)
    assert response.status_code == 200
    assert stored(photographed, 128)
    assert not stored(photographed, 64)


def test_a_new_or_removed_photo_takes_its_small_sizes_with_it(photographed, cast):
    first = photographed.photo.name
    services.profile_set_photo(actor=cast.member, profile=photographed, upload=image_upload())
    storage = photographed.photo.storage
    assert not storage.exists(first)
    assert not any(
        storage.exists(services.rendition_name(first, s)) for s in services.PHOTO_RENDITION_SIZES
    )
    second = photographed.photo.name
    services.profile_remove_photo(actor=cast.member, profile=photographed)
    assert not storage.exists(second)
    assert not any(
        storage.exists(services.rendition_name(second, s)) for s in services.PHOTO_RENDITION_SIZES
    )


def test_lists_show_the_small_photo_lazily_with_its_size(photographed, cast, client_for):
    content = client_for(cast.mentor).get(reverse("profiles:directory")).content.decode()
    small = reverse("profiles:photo_rendition", args=[photographed.user_id, 64])
    sharp = reverse("profiles:photo_rendition", args=[photographed.user_id, 128])
    assert (
        f'<img src="{small}" srcset="{sharp} 2x" alt="" width="64" height="64" '
        'loading="lazy" decoding="async">'
    ) in content
    full = reverse("profiles:photo_file", args=[photographed.user_id])
    assert f'src="{full}"' not in content  # the 512 px original is not shown in lists

    page = client_for(cast.mentor).get(reverse("profiles:detail", args=[photographed.user_id]))
    assert f'<img src="{small}" srcset="{sharp} 2x"' in page.content.decode()
