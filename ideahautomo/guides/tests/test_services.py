"""Writing guides: Finnish required, every text whole, sanitised Markdown, unique
addresses, the writers' rights, rate limits and audit rows."""

from datetime import date
from html.parser import HTMLParser

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from ideahautomo.accounts.models import AuditAction, AuditEvent
from ideahautomo.guides import services
from ideahautomo.guides.models import Guide, GuideText

from .factories import guide_for, texts


def hrefs_in(html):
    """The href of every real link in html, None for a link without one."""
    found = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "a":
                found.append(dict(attrs).get("href"))

    Links().feed(html)
    return found


pytestmark = pytest.mark.django_db


def test_a_guide_is_saved_with_its_texts_as_a_draft(cast):
    guide = services.guide_create(
        actor=cast.contact_person,
        category=Guide.Category.BENEFITS,
        texts=texts("fi", "sv"),
        reviewed_on=date(2026, 11, 3),
    )
    assert guide.status == Guide.Status.DRAFT
    assert guide.author == cast.contact_person
    assert guide.slug == "keikkatyo-ja-tyottomyysetuus"
    assert guide.reviewed_on == date(2026, 11, 3)
    assert sorted(guide.texts.values_list("language", flat=True)) == ["fi", "sv"]
    assert "<strong>fi</strong>" in guide.texts.get(language="fi").body_html
    event = AuditEvent.objects.get(action=AuditAction.GUIDE_CREATED)
    assert event.actor == cast.contact_person
    assert event.object_id == str(guide.pk)


def test_a_guide_without_finnish_text_is_refused_and_nothing_is_saved(cast):
    with pytest.raises(ValidationError) as refused:
        services.guide_create(
            actor=cast.project_manager,
            category=Guide.Category.STUDIES,
            texts=texts("sv", "en"),
        )
    assert refused.value.code == "finnish_required"
    assert "Finnish" in str(refused.value.messages[0]) or "suomeksi" in refused.value.messages[0]
    assert not Guide.objects.exists()
    assert not GuideText.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditAction.GUIDE_CREATED).exists()


def test_an_empty_finnish_text_counts_as_missing(cast):
    given = texts("fi", "sv")
    given["fi"] = {"title": "  ", "summary": "", "body": "\n"}
    with pytest.raises(ValidationError) as refused:
        services.guide_create(actor=cast.project_manager, category="benefits", texts=given)
    assert refused.value.code == "finnish_required"


def test_a_text_without_its_body_is_refused(cast):
    given = texts("fi", "uk")
    given["uk"]["body"] = ""
    with pytest.raises(ValidationError) as refused:
        services.guide_create(actor=cast.project_manager, category="benefits", texts=given)
    assert refused.value.code == "text_incomplete"
    assert not Guide.objects.exists()


def test_an_unknown_category_is_refused(cast):
    with pytest.raises(ValidationError) as refused:
        services.guide_create(actor=cast.project_manager, category="lottery", texts=texts())
    assert "category" in refused.value.message_dict
    assert not Guide.objects.exists()


def test_raw_html_and_javascript_links_never_reach_the_page(cast):
    given = texts()
    given["fi"]["body"] = (
        "[Kela](https://www.kela.fi) [klikkaa](javascript:alert(1)) "
        '<script>alert(2)</script> <a href="javascript:alert(3)">linkki</a> '
        "[data](data:text/html;base64,PHNjcmlwdD4=)"
    )
    guide = guide_for(actor=cast.project_manager, texts=given)
    html = guide.texts.get(language="fi").body_html
    assert '<a href="https://www.kela.fi" rel="nofollow noopener noreferrer">Kela</a>' in html
    links = hrefs_in(html)
    assert links == ["https://www.kela.fi", None, None]  # the other links lost their targets
    assert ">klikkaa</a>" in html
    # Raw HTML is shown as the text it is, never run.
    assert "<script" not in html
    assert "&lt;script&gt;" in html


def test_subheadings_follow_the_title_of_the_page(cast):
    given = texts()
    given["fi"]["body"] = "### Muista\n\nTeksti\n\n#### Tarkemmin\n\nLisää"
    html = guide_for(actor=cast.project_manager, texts=given).texts.get().body_html
    assert "<h2>Muista</h2>" in html
    assert "<h3>Tarkemmin</h3>" in html
    assert "<h4>" not in html


def test_addresses_are_unique_and_made_from_the_finnish_title(cast):
    first = guide_for(actor=cast.project_manager)
    second = guide_for(actor=cast.project_manager)
    assert first.slug == "keikkatyo-ja-tyottomyysetuus"
    assert second.slug == "keikkatyo-ja-tyottomyysetuus-2"
    with pytest.raises(ValidationError) as refused:
        guide_for(actor=cast.project_manager, slug=first.slug)
    assert "slug" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        guide_for(actor=cast.project_manager, slug="uusi")
    assert "slug" in refused.value.message_dict


def test_the_database_keeps_one_text_per_language(cast):
    guide = guide_for(actor=cast.project_manager)
    with pytest.raises(IntegrityError), transaction.atomic():
        GuideText.objects.create(guide=guide, language="fi", title="Toinen", body="Teksti")


@pytest.mark.parametrize("role", ["member", "mentor", "partner", "moderator", "administrator"])
def test_only_the_project_manager_and_contact_persons_write_guides(cast, role):
    with pytest.raises(PermissionDenied):
        guide_for(actor=getattr(cast, role))
    guide = guide_for(actor=cast.contact_person)
    for write in (services.guide_publish, services.guide_unpublish, services.guide_mark_reviewed):
        with pytest.raises(PermissionDenied):
            write(actor=getattr(cast, role), guide=guide)
    assert Guide.objects.count() == 1


def test_editing_replaces_the_texts_and_drops_an_emptied_language(cast):
    guide = guide_for(actor=cast.project_manager, languages=("fi", "sv", "en"))
    given = texts("fi", "uk", title="Uusi otsikko")
    services.guide_update(
        actor=cast.other_contact_person,
        guide=guide,
        category=Guide.Category.JOB_SEARCH,
        texts=given,
        reviewed_on=date(2026, 12, 1),
    )
    guide.refresh_from_db()
    assert guide.category == Guide.Category.JOB_SEARCH
    assert guide.slug == "keikkatyo-ja-tyottomyysetuus"  # the address stays
    assert sorted(guide.texts.values_list("language", flat=True)) == ["fi", "uk"]
    assert guide.texts.get(language="fi").title == "Uusi otsikko"
    assert AuditEvent.objects.filter(action=AuditAction.GUIDE_UPDATED).count() == 1


def test_editing_without_finnish_keeps_the_guide_as_it_was(cast):
    guide = guide_for(actor=cast.project_manager, languages=("fi", "sv"))
    with pytest.raises(ValidationError):
        services.guide_update(
            actor=cast.project_manager,
            guide=guide,
            category=Guide.Category.OTHER,
            texts=texts("sv"),
            reviewed_on=None,
        )
    guide.refresh_from_db()
    assert guide.category == Guide.Category.BENEFITS
    assert guide.texts.count() == 2


def test_publishing_hiding_and_checking_are_logged(cast):
    guide = guide_for(actor=cast.project_manager, publish=False, reviewed_on=date(2024, 1, 1))
    assert guide.needs_review
    services.guide_publish(actor=cast.contact_person, guide=guide)
    assert guide.is_published
    services.guide_unpublish(actor=cast.contact_person, guide=guide)
    assert not guide.is_published
    services.guide_mark_reviewed(actor=cast.contact_person, guide=guide)
    assert not guide.needs_review
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        AuditAction.GUIDE_PUBLISHED,
        AuditAction.GUIDE_UNPUBLISHED,
        AuditAction.GUIDE_REVIEWED,
    } <= actions


def test_a_flood_of_new_guides_is_refused_with_a_clear_message(cast):
    for _number in range(services.CREATES_PER_HOUR):
        guide_for(actor=cast.contact_person)
    with pytest.raises(ValidationError) as refused:
        guide_for(actor=cast.contact_person)
    assert refused.value.code == "rate_limited"
    assert Guide.objects.count() == services.CREATES_PER_HOUR


def test_a_missing_language_falls_back_to_finnish(cast):
    guide = guide_for(actor=cast.project_manager, languages=("fi", "sv"))
    text, fallback = guide.text_for("sv")
    assert (text.language, fallback) == ("sv", False)
    text, fallback = guide.text_for("en")
    assert (text.language, fallback) == ("fi", True)
    text, fallback = guide.text_for("fi")
    assert (text.language, fallback) == ("fi", False)


def test_a_flood_of_saves_is_refused_and_the_guide_stays_as_it_was(cast):
    guide = guide_for(actor=cast.contact_person)
    for _number in range(services.SAVES_PER_HOUR):
        services.guide_update(
            actor=cast.contact_person,
            guide=guide,
            category=Guide.Category.BENEFITS,
            texts=texts(),
            reviewed_on=None,
        )
    with pytest.raises(ValidationError) as refused:
        services.guide_update(
            actor=cast.contact_person,
            guide=guide,
            category=Guide.Category.OTHER,
            texts=texts(),
            reviewed_on=None,
        )
    assert refused.value.code == "rate_limited"
    assert Guide.objects.get().category == Guide.Category.BENEFITS
