"""The kinds of things search finds: the registry lives in `lib.searchable`, where the
features fill it in; search adds the standard rule of who may see an entry."""

from ideahautomo.lib import searchable
from ideahautomo.lib.searchable import (  # noqa: F401 (search's own names for the registry)
    Entry,
    Kind,
    kind,
    kind_names,
    kinds,
    register_kind,
)
from ideahautomo.profiles.permissions import can_browse_members


def standard_visibility(viewer):
    return searchable.standard_visibility(viewer, may_browse_members=can_browse_members(viewer))


def visible(kind_name, viewer):
    """Q over the index rows of this kind that viewer may see."""
    rule = kind(kind_name).visible
    return rule(viewer) if rule is not None else standard_visibility(viewer)
