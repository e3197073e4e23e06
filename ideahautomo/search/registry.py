"""The kinds of things search finds. A feature registers its kind in its apps.py: how an
object becomes index entries, and who may see which entries. Registering also keeps the
index in step: every save and delete of the model (and of the related models named in
`watch`) writes the object's entries again through services.index_object."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from ideahautomo.profiles.permissions import can_browse_members

from .models import Audience


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
    visible: object  # viewer -> Q over Document rows of this kind
    objects: object  # () -> queryset of every object to index (for reindexing)
    fields: frozenset = field(default_factory=frozenset)


_kinds = {}


def standard_visibility(viewer):
    """Public entries for everyone, signed-in ones for anyone signed in, members' entries
    for those who may browse members."""
    shown = Q(audience=Audience.PUBLIC)
    if viewer.is_authenticated:
        shown |= Q(audience=Audience.SIGNED_IN)
    if can_browse_members(viewer):
        shown |= Q(audience=Audience.MEMBERS)
    return shown


def register_kind(
    name,
    *,
    label,
    order,
    model,
    entries,
    visible=standard_visibility,
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
        from .services import index_object

        index_object(name, instance)

    def deleted(sender, instance, **kwargs):
        from .services import remove_object

        remove_object(name, instance.pk)

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"search-{name}-save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"search-{name}-delete")
    for number, (related, parent_of) in enumerate(watch):

        def related_changed(sender, instance, raw=False, parent_of=parent_of, **kwargs):
            if raw:
                return
            parent = parent_of(instance)
            if parent is not None:
                from .services import index_object

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
