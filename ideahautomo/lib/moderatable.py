"""The kinds of content members may report to the moderators, registered by the features in
their apps.py, and the hidden state every such content model carries (`Hideable`).

The moderation app reaches the content only through this registry, as the layers ask: a
kind says how to load an object with its author, what text of it the moderators read,
where it is, who may see it (a reporter reports only what they can see) and how the
object is hidden and restored. Hiding writes `hidden_at` and the guideline on the
object itself, so each feature's own lists and pages show the placeholder without
asking anyone else."""

import re
from dataclasses import dataclass, replace
from datetime import timedelta
from html import unescape

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

SNAPSHOT_LENGTH = 4000


class Guideline(models.TextChoices):
    """The community guidelines (/yhteisoohjeet/) a moderator's decision refers to."""

    KINDNESS = "kindness", _("1. We treat each other kindly")
    HARASSMENT = "harassment", _("2. We do not harass, discriminate or threaten")
    PRIVACY = "privacy", _("3. We protect our own and others' information")
    SCAMS = "scams", _("4. No scams, selling or asking for money")


class Hideable(models.Model):
    """Content a moderator can hide: others see a placeholder, its author sees it with the
    guideline it broke. `hidden_at` is set also while a new account's post with a link
    waits for a moderator (`hidden_guideline` is then empty)."""

    hidden_at = models.DateTimeField(null=True, blank=True, editable=False)
    hidden_guideline = models.CharField(
        max_length=20, choices=Guideline.choices, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def is_hidden(self):
        return self.hidden_at is not None

    def hidden_from(self, viewer):
        """Whether viewer sees the placeholder: everyone but the author while hidden."""
        if self.hidden_at is None:
            return False
        author_id = getattr(self, self.moderation_author_field + "_id", None)
        return not (viewer is not None and viewer.is_authenticated and viewer.pk == author_id)

    # The name of the foreign key to the author; a model overrides it when it differs.
    moderation_author_field = "author"


@dataclass(frozen=True)
class ModeratableKind:
    key: str
    label: object
    model: type
    load: object  # pk -> the object with its author, or None
    snapshot: object  # obj -> (text, author): title and body as plain text
    url: object  # obj -> local path for moderators, or None (a private message)
    can_see: object  # (viewer, obj) -> bool: whether viewer may see obj at all
    holds: bool = False  # whether a new account's post with a link waits for a moderator
    # (viewer, obj) -> bool: whether viewer may read the text itself, not only report the
    # item; None: whoever can_see it. Set by moderatable_also_visible.
    can_read: object = None

    def readable_by(self, viewer, obj):
        return bool((self.can_read or self.can_see)(viewer, obj))

    def hide(self, obj, *, guideline):
        """Saved with update_fields, so search (lib.searchable) drops a kind that lists
        hidden_at among its fields."""
        obj.hidden_at = timezone.now()
        obj.hidden_guideline = guideline
        obj.save(update_fields=["hidden_at", "hidden_guideline"])

    def restore(self, obj):
        obj.hidden_at = None
        obj.hidden_guideline = ""
        obj.save(update_fields=["hidden_at", "hidden_guideline"])


_kinds = {}


def register_moderatable_kind(key, *, label, model, load, snapshot, url, can_see, holds=False):
    _kinds[key] = ModeratableKind(key, label, model, load, snapshot, url, can_see, holds)


def moderatable_also_visible(key, can_see):
    """Let a higher layer widen who may see, and so report, a registered kind's items:
    messaging lets a member report the profile of a person met in a conversation. Those
    it adds may report the item but not read its text (a hidden profile stays hidden)."""
    kind = _kinds[key]
    narrower = kind.can_see
    _kinds[key] = replace(
        kind,
        can_see=lambda viewer, obj: narrower(viewer, obj) or can_see(viewer, obj),
        can_read=kind.can_read or narrower,
    )


def moderatable_kind(key):
    """The registered kind, or None for an unknown key."""
    return _kinds.get(key)


def moderatable_kinds():
    """(key, label) of every registered kind, for model choices and forms."""
    return [(kind.key, kind.label) for kind in _kinds.values()]


def plain_text(*parts):
    """Title and body as one plain text (Markdown's HTML stripped), cut to the snapshot's
    length."""
    text = "\n\n".join(unescape(strip_tags(str(part))).strip() for part in parts if part)
    return text[:SNAPSHOT_LENGTH]


# A web address: http:// or https://, or one that starts with www.
LINK = re.compile(r"https?://|\bwww\.", re.IGNORECASE)


def held_for_review(author, *texts):
    """Whether a post waits for a moderator before others see it: its author's account is
    younger than MODERATION_HOLD_NEW_ACCOUNT_DAYS (0 turns the hold off), the author holds
    no staff role and one of the texts has a web address. The feature's create service
    then saves it with hidden_at set and no guideline; the moderators' queue lists it."""
    days = getattr(settings, "MODERATION_HOLD_NEW_ACCOUNT_DAYS", 0)
    if not days or author is None or getattr(author, "is_staff_member", False):
        return False
    if author.date_joined < timezone.now() - timedelta(days=days):
        return False
    return any(LINK.search(text or "") for text in texts)


def hold_if_needed(obj, author, *texts):
    """Mark obj (not saved yet) as held when held_for_review says so."""
    if held_for_review(author, *texts):
        obj.hidden_at = timezone.now()
        obj.hidden_guideline = ""


def holding_kinds():
    return [kind for kind in _kinds.values() if kind.holds]
