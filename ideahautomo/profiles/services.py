"""Every write to profiles: details, skills, languages, photo and search terms."""

import io
import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from ideahautomo.accounts.services import user_update_municipality
from ideahautomo.lib.markdown import render_markdown

from .languages import SPOKEN_LANGUAGE_NAMES, Level
from .models import Profile, ProfileLanguage, ProfileSkill, SearchTerm, Skill, skill_key

MAX_SKILLS = 30
MAX_SKILL_LENGTH = 60
MAX_LANGUAGES = 10
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_SIZE = 512
# Square renditions the pages show: 64 px is the size on the page, 128 px the same on
# screens with two pixels to a point. Each is a few kilobytes against the original's ~50.
PHOTO_RENDITION_SIZES = (64, 128)
EDITABLE_FIELDS = {
    "visibility",
    "real_name",
    "introduction",
    "can_help_with",
    "looking_for",
    "goal_learn",
    "goal_work",
    "goal_business",
    "goal_help",
    "meets_online",
}


def profile_get_or_create(*, user):
    """The user's stored profile, made now if they have none (every new account gets one
    as it is saved; see receivers)."""
    profile, created = Profile.objects.get_or_create(user=user)
    if created:
        search_terms_refresh(profile=profile)
    return profile


def _stored(profile):
    """A profile shown as empty (selectors.empty_profile) is stored on its first write."""
    if profile._state.adding:
        stored = profile_get_or_create(user=profile.user)
        profile._state.adding = False
        profile.updated_at = stored.updated_at
    return profile


def profile_update(*, actor, profile, **fields):
    """Save the given fields; the introduction is rendered and sanitised here, once."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    _stored(profile)
    for name, value in fields.items():
        setattr(profile, name, value.strip() if isinstance(value, str) else value)
    profile.introduction_html = render_markdown(profile.introduction)
    profile.full_clean(exclude=["user", "photo"])
    profile.save()
    return profile


def profile_set_goals(*, actor, profile, goals, municipality, meets_online):
    """The goals step: the chosen goals, the home municipality and meeting online, all
    saved or none."""
    with transaction.atomic():
        user_update_municipality(user=profile.user, municipality=municipality)
        profile_update(
            actor=actor,
            profile=profile,
            meets_online=meets_online,
            **{goal: goal in set(goals) for goal in Profile.GOALS},
        )
    return profile


def profile_mark_onboarded(*, profile):
    _stored(profile)
    if profile.onboarded_at is None:
        Profile.objects.filter(pk=profile.pk).update(onboarded_at=timezone.now())


def split_skill_names(text):
    """Free text "Python, kahvilatyö; puutarha" -> ["Python", "kahvilatyö", "puutarha"]."""
    return [part.strip() for part in re.split(r"[,;\n]", text or "") if part.strip()]


def resolve_skills(*, skills=(), names=(), limit=MAX_SKILLS):
    """Curated Skill objects plus free names, as Skill objects of the one vocabulary.

    Names are normalised ("python" and "Python" are one) and found by their name in
    any interface language; an unknown name becomes a new skill. All or nothing:
    a problem with any name creates none.
    """
    problems = []
    for name in names:
        if len(name) > MAX_SKILL_LENGTH:
            problems.append(
                _("“%(name)s…” is too long: at most %(max)d characters per skill.")
                % {"name": name[:20], "max": MAX_SKILL_LENGTH}
            )
    keys = {skill_key(name): name for name in names if skill_key(name)}
    chosen = {skill.pk: skill for skill in skills}
    if len(set(keys) | {s.key for s in chosen.values()}) > limit:
        problems.append(
            _("At most %(max)d skills, please choose the most important.") % {"max": limit}
        )
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        existing = {skill.key: skill for skill in Skill.objects.filter(key__in=keys)}
        # "Finnish", "finska" and "фінська мова" are the curated "suomen kieli".
        aliases = curated_aliases() if set(keys) - set(existing) else {}
        for key in keys:
            if key not in existing and key in aliases:
                existing[key] = aliases[key]
        for key, name in keys.items():
            if key not in existing:
                existing[key], _created = Skill.objects.get_or_create(
                    key=key, defaults={"name": name}
                )
    found = {**chosen, **{skill.pk: skill for skill in existing.values()}}
    return sorted(found.values(), key=lambda skill: skill.key)


def profile_set_skills(*, actor, profile, relation, skills=(), names=()):
    """Replace one relation's skills (what the member knows, or wants to learn)."""
    with transaction.atomic():
        _stored(profile)
        wanted = {skill.pk: skill for skill in resolve_skills(skills=skills, names=names)}
        ProfileSkill.objects.filter(profile=profile, relation=relation).exclude(
            skill_id__in=wanted
        ).delete()
        present = set(
            ProfileSkill.objects.filter(profile=profile, relation=relation).values_list(
                "skill_id", flat=True
            )
        )
        ProfileSkill.objects.bulk_create(
            ProfileSkill(profile=profile, skill_id=skill_id, relation=relation)
            for skill_id in wanted
            if skill_id not in present
        )
        Profile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())
    return sorted(wanted.values(), key=lambda skill: skill.key)


def curated_aliases():
    """Every language's name of every curated skill, normalised, to the skill."""
    aliases = {}
    for skill in Skill.objects.filter(is_curated=True):
        for name in (skill.name_fi, skill.name_sv, skill.name_en, skill.name_uk):
            if name:
                aliases.setdefault(skill_key(name), skill)
    return aliases


def profile_set_languages(*, actor, profile, entries):
    """Replace the languages: entries is a list of (code, level); a code may appear once."""
    problems = []
    codes = [code for code, _level in entries]
    if len(set(codes)) != len(codes):
        problems.append(_("Each language can be given only once."))
    for code, level in entries:
        if code not in SPOKEN_LANGUAGE_NAMES:
            problems.append(_("Unknown language “%(code)s”.") % {"code": code})
        if level not in Level.values:
            problems.append(_("Unknown level “%(level)s”.") % {"level": level})
    if len(entries) > MAX_LANGUAGES:
        problems.append(_("At most %(max)d languages.") % {"max": MAX_LANGUAGES})
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        _stored(profile)
        ProfileLanguage.objects.filter(profile=profile).delete()
        ProfileLanguage.objects.bulk_create(
            ProfileLanguage(profile=profile, code=code, level=level) for code, level in entries
        )
        Profile.objects.filter(pk=profile.pk).update(updated_at=timezone.now())


def profile_set_photo(*, actor, profile, upload):
    """Check that the upload is an image, make it a square-ish JPEG of at most 512 px
    and drop everything but the pixels (location and camera data included)."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(_("The photo is too large: at most 5 MB."), code="too_large")
    try:
        with Image.open(upload) as image:
            image.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > 40_000_000:
                raise ValidationError(_("The photo has too many pixels."), code="too_large")
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((PHOTO_SIZE, PHOTO_SIZE))
            clean = Image.new("RGB", image.size)
            clean.paste(image)
            buffer = io.BytesIO()
            clean.save(buffer, format="JPEG", quality=85)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The file is not an image we can read. Use a JPEG, PNG or WebP photo."),
            code="not_image",
        ) from error
    _stored(profile)
    old = profile.photo.name if profile.photo else None
    profile.photo.save(
        f"{profile.pk}-{timezone.now():%Y%m%d%H%M%S}.jpg", ContentFile(buffer.getvalue())
    )
    for size in PHOTO_RENDITION_SIZES:
        _rendition_save(profile.photo, size, image=clean)
    if old:
        _photo_files_delete(profile.photo.storage, old)
        profile.photo.storage.delete(old)


def profile_remove_photo(*, actor, profile):
    if profile.photo:
        _photo_files_delete(profile.photo.storage, profile.photo.name)
        profile.photo.delete(save=True)


def rendition_name(photo_name, size):
    """Where the size px square rendition of the photo photo_name is kept."""
    stem = photo_name.rsplit(".", 1)[0]
    return f"{stem}-{size}.jpg"


def photo_rendition(*, profile, size):
    """The name of the photo's size px square rendition, made now if it is missing (photos
    saved before renditions existed get theirs the first time they are shown)."""
    if size not in PHOTO_RENDITION_SIZES:
        raise ValueError(f"No rendition of {size} px.")
    name = rendition_name(profile.photo.name, size)
    if not profile.photo.storage.exists(name):
        with profile.photo.open("rb") as original, Image.open(original) as image:
            _rendition_save(profile.photo, size, image=image.convert("RGB"))
    return name


def _rendition_save(photo, size, *, image):
    square = ImageOps.fit(image, (size, size), method=Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    square.save(buffer, format="JPEG", quality=80, optimize=True)
    name = rendition_name(photo.name, size)
    if photo.storage.exists(name):
        photo.storage.delete(name)
    photo.storage.save(name, ContentFile(buffer.getvalue()))


def _photo_files_delete(storage, photo_name):
    """The renditions of photo_name; the photo itself goes with its field."""
    for size in PHOTO_RENDITION_SIZES:
        storage.delete(rendition_name(photo_name, size))


def search_terms_refresh(*, profile):
    """The words of the shown name, casefolded, for prefix search in the directory."""
    terms = {word for word in re.split(r"[\s\-]+", profile.user.display_name.casefold()) if word}
    with transaction.atomic():
        SearchTerm.objects.filter(profile=profile).delete()
        SearchTerm.objects.bulk_create(
            SearchTerm(profile=profile, term=term[:60]) for term in sorted(terms)
        )


def profile_delete(*, profile):
    """Remove everything the person wrote about themselves, photo file included."""
    if profile.photo:
        _photo_files_delete(profile.photo.storage, profile.photo.name)
        profile.photo.delete(save=False)
    profile.delete()


MENTOR_PROFILE_FIELDS = {
    "topic_business",
    "topic_job_search",
    "topic_career_change",
    "topic_sector",
    "sector",
    "meets_online",
    "meets_in_person",
    "municipality",
    "capacity",
    "is_available",
}


def mentor_profile_update(*, actor, skills=(), skill_names=(), **fields):
    """Save the actor's mentor profile: areas, ways of meeting, capacity, availability.

    A mentor offers at least one area and at least one way of meeting; meeting in
    person needs the municipality. All or nothing."""
    from .models import MentorProfile
    from .permissions import can_edit_mentor_profile

    if not can_edit_mentor_profile(actor):
        raise PermissionError("Only mentors have a mentor profile.")
    unknown = set(fields) - MENTOR_PROFILE_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    mentor_profile = MentorProfile.objects.filter(pk=actor.pk).first() or MentorProfile(user=actor)
    for name, value in fields.items():
        setattr(mentor_profile, name, value.strip() if isinstance(value, str) else value)
    problems = {}
    if mentor_profile.topic_sector and not mentor_profile.sector:
        problems["sector"] = _("Name the sector you mentor in.")
    if not mentor_profile.topic_sector:
        mentor_profile.sector = ""
    if not (mentor_profile.meets_online or mentor_profile.meets_in_person):
        problems["meets_online"] = _("Choose online, in person or both.")
    if mentor_profile.meets_in_person and mentor_profile.municipality is None:
        problems["municipality"] = _("Choose the municipality where you meet in person.")
    has_topic = any(getattr(mentor_profile, name) for name in MentorProfile.TOPICS.values())
    if not (has_topic or skills or skill_names):
        problems["topic_business"] = _("Choose at least one topic or skill you mentor in.")
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        chosen = resolve_skills(skills=skills, names=skill_names)
        mentor_profile.full_clean(exclude=["user"])
        mentor_profile.save()
        mentor_profile.skills.set(chosen)
    return mentor_profile
