"""Profile pages: one's own profile and its set-up steps, the directory, suggestions."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ideahautomo.accounts.permissions import can_suspend_user
from ideahautomo.lib.forms import add_service_errors
from ideahautomo.lib.paging import window

from . import matching, selectors, services
from .forms import (
    AboutForm,
    DirectoryForm,
    GoalsForm,
    LanguageFormSet,
    MentorProfileForm,
    PhotoForm,
    SkillsForm,
    VisibilityForm,
)
from .models import Profile, ProfileSkill
from .permissions import can_browse_members, can_edit_mentor_profile, can_have_profile
from .steps import STEP_SLUGS, STEPS, completeness

DIRECTORY_PAGE_SIZE = 24


def _require_member(request):
    if not can_have_profile(request.user):
        raise PermissionDenied


@login_required
def my_profile(request):
    _require_member(request)
    profile = selectors.profile_of(request.user)
    percent, next_step = completeness(profile)
    return render(
        request,
        "profiles/my_profile.html",
        {
            "profile": profile,
            "percent": percent,
            "next_step": next_step,
            "steps": STEPS,
            "is_mentor": can_edit_mentor_profile(request.user),
        },
    )


@login_required
def onboarding(request):
    _require_member(request)
    return redirect(f"{reverse('profiles:step', args=[STEP_SLUGS[0]])}?aloitus=1")


def _after_step(request, profile, slug):
    onboarding_on = request.POST.get("aloitus") == "1"
    if not onboarding_on:
        messages.success(request, _("Your profile has been saved."))
        return redirect("profiles:mine")
    position = STEP_SLUGS.index(slug)
    if position + 1 < len(STEP_SLUGS):
        return redirect(f"{reverse('profiles:step', args=[STEP_SLUGS[position + 1]])}?aloitus=1")
    services.profile_mark_onboarded(profile=profile)
    messages.success(request, _("Your profile is ready. Here are people you might want to meet."))
    return redirect("profiles:suggestions")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def step(request, slug):
    """One set-up step; during onboarding it leads to the next, otherwise back to the profile."""
    _require_member(request)
    if slug not in STEP_SLUGS:
        raise Http404
    profile = selectors.profile_of(request.user)
    handler = STEP_HANDLERS[slug]
    data = request.POST if request.method == "POST" else None
    forms_, save = handler(request, profile, data)
    if data is not None and all(form.is_valid() for form in forms_):
        try:
            save()
        except ValidationError as error:
            forms_[0].add_error(None, error)
        else:
            return _after_step(request, profile, slug)
    position = STEP_SLUGS.index(slug)
    onboarding_on = request.GET.get("aloitus") == "1" or request.POST.get("aloitus") == "1"
    next_slug = STEP_SLUGS[position + 1] if position + 1 < len(STEP_SLUGS) else None
    return render(
        request,
        f"profiles/step_{slug}.html",
        {
            "forms": forms_,
            "form": forms_[0],
            "profile": profile,
            "slug": slug,
            "title": dict(STEPS)[slug],
            "number": position + 1,
            "count": len(STEPS),
            "onboarding": onboarding_on,
            "skip_url": (
                f"{reverse('profiles:step', args=[next_slug])}?aloitus=1"
                if next_slug
                else reverse("profiles:suggestions")
            ),
        },
    )


def _goals(request, profile, data):
    initial = {
        "goals": [goal for goal in Profile.GOALS if getattr(profile, goal)],
        "municipality": profile.user.municipality,
        "meets_online": profile.meets_online,
    }
    form = GoalsForm(data, initial=initial)

    def save():
        services.profile_set_goals(
            actor=request.user,
            profile=profile,
            goals=form.cleaned_data["goals"],
            municipality=form.cleaned_data["municipality"],
            meets_online=form.cleaned_data["meets_online"],
        )

    return [form], save


def _languages(request, profile, data):
    initial = [{"code": lang.code, "level": lang.level} for lang in profile.languages.all()]
    formset = LanguageFormSet(data, initial=initial, prefix="kieli")

    def save():
        services.profile_set_languages(
            actor=request.user, profile=profile, entries=formset.entries()
        )

    return [formset], save


def _skills_step(relation, legend):
    def handler(request, profile, data):
        links = [link for link in profile.skill_links.all() if link.relation == relation]
        curated = [link.skill for link in links if link.skill.is_curated]
        other = ", ".join(link.skill.label for link in links if not link.skill.is_curated)
        form = SkillsForm(data, initial={"curated": curated, "other": other}, legend=legend)

        def save():
            services.profile_set_skills(
                actor=request.user,
                profile=profile,
                relation=relation,
                skills=form.cleaned_data["curated"],
                names=services.split_skill_names(form.cleaned_data["other"]),
            )

        return [form], save

    return handler


def _about(request, profile, data):
    form = AboutForm(data, instance=copy.copy(profile))

    def save():
        services.profile_update(
            actor=request.user,
            profile=profile,
            **{name: form.cleaned_data[name] for name in AboutForm.Meta.fields},
        )

    return [form], save


def _visibility(request, profile, data):
    form = VisibilityForm(data, instance=copy.copy(profile))

    def save():
        services.profile_update(
            actor=request.user, profile=profile, visibility=form.cleaned_data["visibility"]
        )

    return [form], save


STEP_HANDLERS = {
    "tavoitteet": _goals,
    "kielet": _languages,
    "osaaminen": _skills_step(ProfileSkill.Relation.HAS, gettext_lazy("Skills you have")),
    "oppiminen": _skills_step(
        ProfileSkill.Relation.WANTS, gettext_lazy("Skills you want to learn")
    ),
    "esittely": _about,
    "nakyvyys": _visibility,
}


@login_required
@require_http_methods(["GET", "POST"])
def photo(request):
    _require_member(request)
    profile = selectors.profile_of(request.user)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("poista"):
        services.profile_remove_photo(actor=request.user, profile=profile)
        messages.success(request, _("Your photo has been removed."))
        return redirect("profiles:mine")
    if request.method == "POST" and form.is_valid():
        try:
            services.profile_set_photo(
                actor=request.user, profile=profile, upload=form.cleaned_data["photo"]
            )
        except ValidationError as error:
            form.add_error("photo", error)
        else:
            messages.success(request, _("Your photo has been saved."))
            return redirect("profiles:mine")
    return render(request, "profiles/photo.html", {"form": form, "profile": profile})


@login_required
def photo_file(request, user_id):
    """A member's photo, only for those who may see the profile (photos are not public files)."""
    profile = selectors.profile_for_viewer(viewer=request.user, user_id=user_id)
    if not profile.photo:
        raise Http404
    response = FileResponse(profile.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def photo_rendition(request, user_id, size):
    """The member's photo as a small square of size px, with the same visibility as the
    photo itself; the pages show these instead of the 512 px original."""
    profile = selectors.profile_for_viewer(viewer=request.user, user_id=user_id)
    if not profile.photo or size not in services.PHOTO_RENDITION_SIZES:
        raise Http404
    name = services.photo_rendition(profile=profile, size=size)
    response = FileResponse(profile.photo.storage.open(name, "rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def detail(request, user_id):
    profile = selectors.profile_for_viewer(viewer=request.user, user_id=user_id)
    return render(
        request,
        "profiles/detail.html",
        {
            "profile": profile,
            "mentor_profile": selectors.mentor_offer_of(profile),
            "can_suspend": can_suspend_user(request.user, profile.user),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def mentor_profile_edit(request):
    """A mentor's own offer: areas, ways of meeting, capacity and availability."""
    if not can_edit_mentor_profile(request.user):
        raise PermissionDenied
    current = selectors.mentor_profile_of(request.user)
    initial = {}
    if current is not None:
        skills = list(current.skills.all())
        initial = {
            "curated": [skill for skill in skills if skill.is_curated],
            "other": ", ".join(skill.label for skill in skills if not skill.is_curated),
        }
    form = MentorProfileForm(
        request.POST or None, instance=copy.copy(current) if current else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_profile_update(
                actor=request.user,
                skills=form.cleaned_data["curated"],
                skill_names=services.split_skill_names(form.cleaned_data["other"]),
                **{name: form.cleaned_data[name] for name in MentorProfileForm.Meta.fields},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your mentor profile has been saved."))
            return redirect("profiles:detail", request.user.pk)
    return render(request, "profiles/mentor_profile_form.html", {"form": form})


@login_required
def directory(request):
    if not can_browse_members(request.user):
        raise PermissionDenied
    form = DirectoryForm(request.GET or None)
    filters = form.filters(selectors.DirectoryFilters)
    page = window(
        selectors.directory(viewer=request.user, filters=filters),
        request.GET.get("sivu"),
        per_page=DIRECTORY_PAGE_SIZE,
    )
    return render(
        request,
        "profiles/directory.html",
        {"form": form, "page": page, "filtered": any(vars(filters).values())},
    )


@login_required
def suggestions(request):
    _require_member(request)
    profile = selectors.profile_summary(request.user)
    percent, next_step = completeness(profile)
    return render(
        request,
        "profiles/suggestions.html",
        {
            "groups": matching.suggestions_for(request.user, limit=10, viewer_profile=profile),
            "percent": percent,
            "next_step": next_step,
        },
    )
