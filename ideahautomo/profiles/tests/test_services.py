import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.profiles import services
from ideahautomo.profiles.models import Profile, ProfileSkill, SearchTerm, Skill

pytestmark = pytest.mark.django_db
HAS = ProfileSkill.Relation.HAS


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def profile(db):
    return UserFactory(display_name="Aino Virtanen-Laine").profile


def test_every_new_account_gets_a_profile_with_search_terms(profile):
    assert Profile.objects.filter(pk=profile.pk).exists()
    assert sorted(SearchTerm.objects.filter(profile=profile).values_list("term", flat=True)) == [
        "aino",
        "laine",
        "virtanen",
    ]


def test_renaming_updates_the_search_terms(profile):
    from ideahautomo.accounts import services as account_services

    account_services.user_update_settings(
        user=profile.user, display_name="Aino Mäkinen", language="fi"
    )

    assert set(SearchTerm.objects.filter(profile=profile).values_list("term", flat=True)) == {
        "aino",
        "mäkinen",
    }


def test_skills_are_one_whatever_their_letter_case_or_spacing(profile):
    other = UserFactory().profile

    services.profile_set_skills(actor=profile.user, profile=profile, relation=HAS, names=["Python"])
    services.profile_set_skills(
        actor=other.user, profile=other, relation=HAS, names=["  PYTHON ", "python"]
    )

    assert Skill.objects.filter(key="python").count() == 1
    assert other.skill_links.count() == 1


def test_a_curated_skill_is_found_by_its_name_in_any_language(profile):
    services.profile_set_skills(
        actor=profile.user, profile=profile, relation=HAS, names=["Finnish language", "finska"]
    )

    [link] = profile.skill_links.select_related("skill")
    assert link.skill.key == "suomen kieli"
    with translation.override("uk"):
        assert link.skill.label == "фінська мова"


def test_too_many_or_too_long_skills_save_nothing(profile):
    with pytest.raises(ValidationError, match="At most 30"):
        services.profile_set_skills(
            actor=profile.user,
            profile=profile,
            relation=HAS,
            names=[f"taito {n}" for n in range(1000)],
        )
    with pytest.raises(ValidationError, match="too long"):
        services.profile_set_skills(
            actor=profile.user, profile=profile, relation=HAS, names=["x" * 61]
        )
    assert not profile.skill_links.exists()
    assert not Skill.objects.filter(key__startswith="taito").exists()


def test_setting_skills_replaces_only_that_relation(profile):
    services.profile_set_skills(
        actor=profile.user, profile=profile, relation=HAS, names=["puutarha", "ompelu"]
    )
    services.profile_set_skills(
        actor=profile.user, profile=profile, relation="wants", names=["ohjelmointi"]
    )
    services.profile_set_skills(actor=profile.user, profile=profile, relation=HAS, names=["ompelu"])

    assert sorted(profile.skill_links.values_list("relation", "skill__key")) == [
        ("has", "ompelu"),
        ("wants", "ohjelmointi"),
    ]


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([("fi", "native"), ("fi", "B1")], "only once"),
        ([("xx", "B1")], "Unknown language"),
        ([("fi", "Z9")], "Unknown level"),
        (
            [
                (code, "B1")
                for code in ["fi", "sv", "en", "uk", "ru", "et", "ar", "so", "fa", "ku", "zh"]
            ],
            "At most 10",
        ),
    ],
)
def test_bad_languages_are_refused_and_nothing_changes(profile, entries, message):
    services.profile_set_languages(actor=profile.user, profile=profile, entries=[("uk", "native")])

    with pytest.raises(ValidationError, match=message):
        services.profile_set_languages(actor=profile.user, profile=profile, entries=entries)

    assert list(profile.languages.values_list("code", "level")) == [("uk", "native")]


def test_introduction_markdown_is_rendered_and_sanitised_on_save(profile):
    services.profile_update(
        actor=profile.user,
        profile=profile,
        introduction="**Hei!** <script>alert(1)</script> [linkki](javascript:alert(1))",
    )
    profile.refresh_from_db()

    assert "<strong>Hei!</strong>" in profile.introduction_html
    assert "<script>" not in profile.introduction_html
    assert "javascript:" not in profile.introduction_html


def test_overlong_introduction_is_refused(profile):
    with pytest.raises(ValidationError):
        services.profile_update(actor=profile.user, profile=profile, introduction="x" * 2001)
    profile.refresh_from_db()
    assert profile.introduction == ""


def image_upload(size=(1200, 900), format="PNG", name="kuva.png", exif=None):
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 40, 40))
    if exif is not None:
        image.save(buffer, format="JPEG", exif=exif)
    else:
        image.save(buffer, format=format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_photo_is_resized_and_stripped_of_metadata(profile, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    exif = Image.Exif()
    exif[0x8825] = {2: (60.0, 10.0, 0.0)}  # a GPS position
    exif[0x010F] = "Kameravalmistaja"

    services.profile_set_photo(
        actor=profile.user, profile=profile, upload=image_upload(exif=exif, name="kuva.jpg")
    )

    with Image.open(profile.photo.path) as saved:
        assert max(saved.size) == 512
        assert saved.format == "JPEG"
        assert not saved.getexif()


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (
            SimpleUploadedFile("kuva.png", b"not an image at all", content_type="image/png"),
            "not_image",
        ),
        (SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "not_image"),
    ],
)
def test_non_images_are_refused(profile, settings, tmp_path, upload, code):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as error:
        services.profile_set_photo(actor=profile.user, profile=profile, upload=upload)
    assert error.value.code == code
    assert not profile.photo


def test_oversized_photo_is_refused(profile, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(services, "MAX_PHOTO_BYTES", 100)
    with pytest.raises(ValidationError) as error:
        services.profile_set_photo(actor=profile.user, profile=profile, upload=image_upload())
    assert error.value.code == "too_large"


def test_deleting_the_account_deletes_the_profile(profile, settings, tmp_path):
    from ideahautomo.accounts import services as account_services

    settings.MEDIA_ROOT = tmp_path
    services.profile_set_photo(actor=profile.user, profile=profile, upload=image_upload())
    photo_path = profile.photo.path

    account_services.user_delete(user=profile.user)

    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert not (tmp_path / photo_path).exists()


def test_reading_a_missing_profile_shows_it_empty_and_stores_nothing(profile):
    from ideahautomo.profiles import selectors

    user = profile.user
    Profile.objects.filter(pk=user.pk).delete()

    own = selectors.profile_of(user)
    summary = selectors.profile_summary(user)

    assert own.user == user and not own.introduction
    assert list(own.skill_links.all()) == [] and list(own.languages.all()) == []
    assert (summary.has_languages, summary.has_skills, summary.has_wants) == (False,) * 3
    assert not Profile.objects.filter(pk=user.pk).exists()


def test_the_first_write_stores_a_missing_profile_with_its_search_terms(profile):
    from ideahautomo.profiles import selectors

    user = profile.user
    Profile.objects.filter(pk=user.pk).delete()

    services.profile_set_languages(
        actor=user, profile=selectors.profile_of(user), entries=[("fi", "native")]
    )
    services.profile_update(actor=user, profile=selectors.profile_of(user), introduction="Hei")

    stored = Profile.objects.get(pk=user.pk)
    assert stored.introduction == "Hei"
    assert list(stored.languages.values_list("code", flat=True)) == ["fi"]
    assert SearchTerm.objects.filter(profile=stored).count() == 3


def test_goals_and_municipality_are_saved_together_or_not_at_all(profile):
    from ideahautomo.accounts.models import Municipality

    closed = Municipality.objects.filter(is_active=True).first()
    Municipality.objects.filter(pk=closed.pk).update(is_active=False)
    closed.refresh_from_db()

    with pytest.raises(ValidationError):
        services.profile_set_goals(
            actor=profile.user,
            profile=profile,
            goals=["goal_work"],
            municipality=closed,
            meets_online=False,
        )

    profile.refresh_from_db()
    assert not profile.goal_work and profile.meets_online
    assert profile.user.municipality_id != closed.pk


def test_the_migration_gives_every_member_who_can_sign_in_a_profile(profile):
    import importlib

    from django.apps import apps

    from ideahautomo.accounts.models import Role
    from ideahautomo.accounts.tests.factories import user_with_role

    migration = importlib.import_module("ideahautomo.profiles.migrations.0005_missing_profiles")
    member = profile.user
    staff = user_with_role(Role.MODERATOR)
    cannot_sign_in = UserFactory()
    cannot_sign_in.set_unusable_password()
    cannot_sign_in.save()
    Profile.objects.filter(pk__in=[member.pk, staff.pk, cannot_sign_in.pk]).delete()

    migration.create_missing(apps, None)

    assert set(
        Profile.objects.filter(pk__in=[member.pk, staff.pk, cannot_sign_in.pk]).values_list(
            "pk", flat=True
        )
    ) == {member.pk}
    assert SearchTerm.objects.filter(profile_id=member.pk).count() == 3


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"topic_sector": True, "sector": ""}, "sector"),
        ({"meets_online": False, "meets_in_person": False}, "meets_online"),
        ({"meets_in_person": True, "municipality": None}, "municipality"),
        ({"topic_business": False, "skill_names": []}, "topic_business"),
        ({"capacity": 0}, "capacity"),
    ],
)
def test_a_mentor_profile_with_bad_input_is_explained_and_not_saved(cast, fields, field):
    from ideahautomo.profiles.models import MentorProfile

    values = {"topic_business": True, "meets_online": True, "skill_names": ["kirjanpito"]}
    values.update(fields)
    with pytest.raises(ValidationError) as refused:
        services.mentor_profile_update(actor=cast.mentor, **values)
    assert field in refused.value.error_dict
    assert not MentorProfile.objects.exists()


def test_only_mentors_save_a_mentor_profile(cast):
    with pytest.raises(PermissionError):
        services.mentor_profile_update(actor=cast.member, topic_business=True)
    mentor_profile = services.mentor_profile_update(
        actor=cast.mentor, topic_business=True, skill_names=["Kirjanpito", "kirjanpito"]
    )
    assert [skill.key for skill in mentor_profile.skills.all()] == ["kirjanpito"]
