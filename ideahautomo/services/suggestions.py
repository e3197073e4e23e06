"""Services in the members' suggestions: services that help with the member's goals and
serve where they live (their municipality, listed, its region, the whole of Finland or
online), drop-in ones first among equals."""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideahautomo.profiles.matching import cached_ranking, ranking_read_back, register_source

from .models import Channel, Need, Service, ServiceTag
from .selectors import serves_municipality_q, services_for_map

CANDIDATES = 100
POINTS = {"need": 3, "own_municipality": 2, "drop_in": 1}
# The needs that serve each goal a member can choose in their profile.
GOAL_NEEDS = {
    "goal_work": (Need.JOB_SEARCH,),
    "goal_business": (Need.BUSINESS,),
    "goal_learn": (Need.SKILLS, Need.LANGUAGE, Need.DIGITAL),
    "goal_help": (Need.VOLUNTEERING,),
}


def wanted_needs(profile):
    """The needs behind the goals the member chose, in the order of GOAL_NEEDS."""
    return [need for goal, needs in GOAL_NEEDS.items() if getattr(profile, goal) for need in needs]


@register_source("services", gettext_lazy("Services"))
def service_suggestions(viewer, viewer_profile, limit=10):
    """Services that help with what the member's goals need (3 points), in their own
    municipality (+2), drop in without an appointment (+1). Cached per member until
    their profile changes."""
    needs = wanted_needs(viewer_profile)
    if not needs:
        return []
    ranking = cached_ranking(
        "services", viewer, viewer_profile, limit, lambda: _rank(viewer_profile, needs, limit)
    )
    # Read back through the map's rules: a service may have been hidden since.
    return ranking_read_back("services", ranking, services_for_map())


def _rank(viewer_profile, needs, limit):
    """One query: the first wanted need a service helps with is read by a subquery."""
    municipality = viewer_profile.user.municipality
    helps_with = ServiceTag.objects.filter(
        service=OuterRef("pk"), kind=ServiceTag.Kind.NEED, code__in=needs
    )
    if municipality is not None:
        reach = serves_municipality_q(municipality)
    else:
        online = ServiceTag.objects.filter(
            service=OuterRef("pk"), kind=ServiceTag.Kind.CHANNEL, code=Channel.ONLINE
        )
        reach = Q(serves_whole_finland=True) | Q(Exists(online))
    services = (
        Service.objects.filter(is_active=True, organisation__is_active=True)
        .filter(reach, Exists(helps_with))
        .annotate(need=Subquery(helps_with.order_by("code").values("code")[:1]))
        .order_by("-is_drop_in", "title", "pk")
        .values("pk", "need", "is_drop_in", "municipality_id")[:CANDIDATES]
    )
    ranked = []
    for service in services:
        points = POINTS["need"]
        parts = [_("helps with %(need)s") % {"need": Need(service["need"]).label}]
        if municipality is not None and service["municipality_id"] == municipality.pk:
            points += POINTS["own_municipality"]
            parts.append(_("in your municipality"))
        if service["is_drop_in"]:
            points += POINTS["drop_in"]
            parts.append(_("drop in, no appointment needed"))
        reason = "; ".join(parts)
        ranked.append((points, service["pk"], reason[:1].upper() + reason[1:]))
    ranked.sort(key=lambda row: (-row[0], row[1]))
    return [(pk, points, reason) for points, pk, reason in ranked[:limit]]
