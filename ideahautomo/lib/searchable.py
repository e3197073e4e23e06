"""The kinds of things search finds, registered by the features in their apps.py: how an
object becomes index entries and who may see which entries.

Features reach search only through this registry, as the layers ask: the search app
(a feature like the others) sets the functions that write and remove index rows when
it is ready, and registering a kind connects every save and delete of its model (and
of the related models named in `watch`) to them. A feature that changes rows without
saving them calls `index_object` itself."""

from dataclasses import dataclass, field
from html import unescape

from django.db import models
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.utils.html import strip_tags


class Audience(models.TextChoices):
    PUBLIC = "public"  # guests too
    SIGNED_IN = "signed_in"  # anyone signed in
    MEMBERS = "members"  # those who may browse members (members, mentors, partners)
    RESTRICTED = "restricted"  # per object: the kind's own rule decides


@dataclass(frozen=True)
class Entry:
    """What one object gives the index in one language."""

    title: str
    body: str
    language: str
    url: str
    audience: str = Audience.MEMBERS
    municipality_id: int | None = None


@dataclass(frozen=True)
class Kind:
    name: str
    label: object
    order: int
    model: type
    entries: object  # obj -> [Entry]; [] when nothing of it may be found
    visible: object  # viewer -> Q over the index rows of this kind; None: the standard rule
    objects: object  # () -> queryset of every object to index (for reindexing)
    fields: frozenset = field(default_factory=frozenset)


_kinds = {}
# Set by the search app when it is ready: (kind name, object) and (kind name, object id).
_handlers = {"index": None, "remove": None}


def set_index_handlers(*, index, remove):
    _handlers["index"], _handlers["remove"] = index, remove


def index_object(name, obj):
    """Write the index entries of obj again (when search is installed)."""
    if _handlers["index"] is not None:
        _handlers["index"](name, obj)


def remove_object(name, object_id):
    if _handlers["remove"] is not None:
        _handlers["remove"](name, object_id)


def standard_visibility(viewer, *, may_browse_members):
    """Public entries for everyone, signed-in ones for anyone signed in, members' entries
    for those who may browse members (profiles' rule, which the caller applies)."""
    shown = Q(audience=Audience.PUBLIC)
    if viewer.is_authenticated:
        shown |= Q(audience=Audience.SIGNED_IN)
    if may_browse_members:
        shown |= Q(audience=Audience.MEMBERS)
    return shown


def register_kind(
    name,
    *,
    label,
    order,
    model,
    entries,
    visible=None,
    objects=None,
    fields=(),
    watch=(),
):
    """fields: the model fields that change the entries; a save that names only other
    fields in update_fields leaves the index alone. watch: (model, parent_of) pairs whose
    saves and deletes reindex parent_of(instance)."""
    kind = Kind(
        name=name,
        label=label,
        order=order,
        model=model,
        entries=entries,
        visible=visible,
        objects=objects or (model._default_manager.all if model else None),
        fields=frozenset(fields),
    )
    _kinds[name] = kind
    if model is None:  # a scratch kind (the benchmark's): nothing to keep in step
        return

    def saved(sender, instance, raw=False, update_fields=None, **kwargs):
        if raw:
            return
        if update_fields is not None and kind.fields and not (set(update_fields) & kind.fields):
            return
        index_object(name, instance)

    def deleted(sender, instance, **kwargs):
        remove_object(name, instance.pk)

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"search-{name}-save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"search-{name}-delete")
    for number, (related, parent_of) in enumerate(watch):

        def related_changed(sender, instance, raw=False, parent_of=parent_of, **kwargs):
            if raw:
                return
            parent = parent_of(instance)
            if parent is not None:
                index_object(name, parent)

        uid = f"search-{name}-watch-{number}"
        post_save.connect(related_changed, sender=related, weak=False, dispatch_uid=uid + "s")
        post_delete.connect(related_changed, sender=related, weak=False, dispatch_uid=uid + "d")


def kinds():
    return sorted(_kinds.values(), key=lambda kind: kind.order)


def kind(name):
    return _kinds[name]


def kind_names():
    return [kind.name for kind in kinds()]


def plain(html):
    """The text of sanitised HTML, for the index."""
    return " ".join(unescape(strip_tags(html or "")).split())


def joined(*parts):
    return " ".join(part for part in parts if part)
