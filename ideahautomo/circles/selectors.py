"""Reads the circle pages need, with the visibility rule applied."""

from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.http import Http404

from ideahautomo.accounts.models import Municipality
from ideahautomo.profiles.models import Skill
from ideahautomo.profiles.permissions import can_browse_members

from .models import (
    OTHER_LANGUAGE_SLOTS,
    Circle,
    CircleInvitation,
    CircleLanguage,
    CirclePost,
    CircleWish,
    Membership,
)
from .permissions import can_view_circle

IN_PERSON_FORMATS = (Circle.Format.IN_PERSON, Circle.Format.HYBRID)
ONLINE_FORMATS = (Circle.Format.ONLINE, Circle.Format.HYBRID)
# Counts of people below this are shown as "< 5", never exactly.
SMALL_GROUP = 5
POOLS_SHOWN = 200
MATCHES_SHOWN = 50


@dataclass
class CircleFilters:
    kind: str = ""
    topic: str = ""
    language: str = ""
    level: str = ""
    format: str = ""
    municipality: object = None
    free_places: bool = False


def circles_for_list(*, viewer, filters):
    """Listed circles: public for everyone, members' ones for members; private never listed."""
    shown = Q(visibility=Circle.Visibility.PUBLIC)
    if can_browse_members(viewer):
        shown |= Q(visibility=Circle.Visibility.MEMBERS)
    circles = Circle.objects.filter(shown)
    if filters.kind:
        circles = circles.filter(kind=filters.kind)
    if filters.topic:
        circles = circles.filter(
            Q(topic__icontains=filters.topic) | Q(name__icontains=filters.topic)
        )
    if filters.language:
        circles = circles.filter(uses_language(filters.language))
    if filters.level:
        circles = circles.filter(level=filters.level)
    if filters.format:
        circles = circles.filter(format=filters.format)
    if filters.municipality is not None:
        circles = circles.filter(Q(municipality=filters.municipality) | ~Q(format="in_person"))
    if filters.free_places:
        circles = circles.filter(Q(capacity__isnull=True) | Q(member_count__lt=F("capacity")))
    return with_other_languages(
        circles.select_related("municipality", "organiser_organisation")
    ).order_by("-created_at", "-pk")


ORGANISATION_CIRCLES_SHOWN = 10


def circles_of_organisation(*, viewer, organisation):
    """The listed circles a partner organisation organises that still have room, newest
    first, for its public page: as the list shows them to the viewer."""
    return list(
        circles_for_list(viewer=viewer, filters=CircleFilters(free_places=True)).filter(
            organiser_organisation=organisation
        )[:ORGANISATION_CIRCLES_SHOWN]
    )


def with_other_languages(circles):
    """The circles with their other languages read in the same query, one small
    subquery per possible language, for Circle.other_language_codes: no query more
    for a list or a page."""
    codes = (
        CircleLanguage.objects.filter(circle_id=OuterRef("pk"))
        .order_by("language")
        .values("language")
    )
    return circles.annotate(
        **{
            slot: Subquery(codes[number : number + 1])
            for number, slot in enumerate(OTHER_LANGUAGE_SLOTS)
        }
    )


def uses_language(language):
    """Circles whose main language or one of whose other languages is language, which
    may be an OuterRef to a row of the query around the circles."""
    inner = OuterRef(language) if isinstance(language, OuterRef) else language
    return Q(language=language) | Exists(
        CircleLanguage.objects.filter(circle_id=OuterRef("pk"), language=inner)
    )


def circle_for_viewer(*, viewer, pk):
    circle = (
        with_other_languages(
            Circle.objects.select_related("municipality", "organiser_organisation")
        )
        .filter(pk=pk)
        .first()
    )
    if circle is None or not can_view_circle(viewer, circle):
        raise Http404
    return circle


def members_of(circle):
    return list(
        Membership.objects.filter(circle=circle)
        .select_related("user")
        .order_by("-is_organiser", "created_at", "pk")
    )


def has_free_places():
    return Q(capacity__isnull=True) | Q(member_count__lt=F("capacity"))


def _suitable(*, skill, language, level, place):
    """Circles someone wishing for skill in language at level could join at place: not
    private, not full, at that level or open to every level, using the language as their
    main or as another language. Arguments may be OuterRefs."""
    return (
        Circle.objects.filter(place, uses_language(language), skill_id=skill)
        .filter(Q(level=level) | Q(level=""))
        .exclude(visibility=Circle.Visibility.PRIVATE)
        .filter(has_free_places())
    )


def meets_in(municipality):
    return Q(format__in=IN_PERSON_FORMATS, municipality_id=municipality)


def meets_online():
    return Q(format__in=ONLINE_FORMATS)


def suitable_circles(*, skill_id, language, level, municipality_id=None, online=False):
    """Circles that answer one pool: in person in municipality_id, or online."""
    place = meets_online() if online else meets_in(municipality_id)
    return _suitable(skill=skill_id, language=language, level=level, place=place)


def wishes_of(user):
    return list(
        CircleWish.objects.filter(user=user)
        .select_related("skill", "municipality")
        .order_by("-created_at", "-pk")
    )


def circles_for_wishes(*, viewer, wishes):
    """{wish pk: [circles the viewer could join that answer it]} in one query."""
    if not wishes:
        return {}
    wanted = Q(pk__in=[])
    for wish in wishes:
        place = meets_online() if wish.online_ok else Q(pk__in=[])
        if wish.municipality_id:
            place |= meets_in(wish.municipality_id)
        wanted |= (
            Q(place, skill_id=wish.skill_id)
            & uses_language(wish.language)
            & (Q(level=wish.level) | Q(level=""))
        )
    circles = list(
        circles_for_list(viewer=viewer, filters=CircleFilters(free_places=True))
        .filter(wanted)
        .exclude(policy=Circle.Policy.INVITE)[:MATCHES_SHOWN]
    )
    return {wish.pk: [circle for circle in circles if answers(circle, wish)] for wish in wishes}


def answers(circle, wish):
    """Whether circle fits wish: the Python twin of circles_for_wishes' query."""
    if circle.skill_id != wish.skill_id or wish.language not in circle.language_codes:
        return False
    if circle.level not in (wish.level, ""):
        return False
    in_place = circle.meets_in_person and circle.municipality_id == wish.municipality_id
    return in_place or (wish.online_ok and circle.meets_online)


@dataclass
class Pool:
    skill: object
    language: str
    level: str
    municipality: object  # None for the online pool
    people: int  # at least SMALL_GROUP

    @property
    def language_name(self):
        return dict(Circle._meta.get_field("language").choices)[self.language]

    @property
    def level_name(self):
        return dict(Circle._meta.get_field("level").choices).get(self.level, "")


def unmet_demand(*, area_municipalities=None):
    """Pools of wishes with no circle to join, largest first: one row per skill,
    language, level and place (a municipality, or online). With
    area_municipalities (a queryset of municipalities), in-person pools only there;
    online pools are shown whole, as they serve everyone. Only pools of at least
    SMALL_GROUP people are listed: a row saying "fewer than five" would tell that one to
    four people wish for that skill in that language and place."""
    active = CircleWish.objects.filter(user__is_active=True)
    in_person = active.filter(municipality__isnull=False).filter(
        ~Exists(
            _suitable(
                skill=OuterRef("skill_id"),
                language=OuterRef("language"),
                level=OuterRef("level"),
                place=Q(format__in=IN_PERSON_FORMATS, municipality_id=OuterRef("municipality_id")),
            )
        )
    )
    if area_municipalities is not None:
        in_person = in_person.filter(municipality__in=area_municipalities)
    online = active.filter(online_ok=True).filter(
        ~Exists(
            _suitable(
                skill=OuterRef("skill_id"),
                language=OuterRef("language"),
                level=OuterRef("level"),
                place=meets_online(),
            )
        )
    )
    rows = list(
        in_person.values("skill_id", "language", "level", "municipality_id")
        .annotate(people=Count("pk"))
        .filter(people__gte=SMALL_GROUP)
        .order_by("-people", "skill_id", "language", "level", "municipality_id")[:POOLS_SHOWN]
    )
    rows += [
        {**row, "municipality_id": None}
        for row in online.values("skill_id", "language", "level")
        .annotate(people=Count("pk"))
        .filter(people__gte=SMALL_GROUP)
        .order_by("-people", "skill_id", "language", "level")[:POOLS_SHOWN]
    ]
    skills = Skill.objects.in_bulk({row["skill_id"] for row in rows})
    places = Municipality.objects.in_bulk(
        {row["municipality_id"] for row in rows if row["municipality_id"]}
    )
    pools = [
        Pool(
            skill=skills[row["skill_id"]],
            language=row["language"],
            level=row["level"],
            municipality=places.get(row["municipality_id"]),
            people=row["people"],
        )
        for row in rows
    ]
    pools.sort(key=lambda pool: -pool.people)
    return pools


def discussion_page(circle, page, *, per_page):
    """One page of the discussion, newest threads first, each thread's replies oldest
    first in .thread_replies: two queries whatever the size of the discussion."""
    from ideahautomo.lib.paging import window

    threads = window(
        CirclePost.objects.filter(circle=circle, parent__isnull=True)
        .select_related("author")
        .order_by("-created_at", "-pk"),
        page,
        per_page=per_page,
    )
    by_id = {post.pk: post for post in threads.object_list}
    for post in by_id.values():
        post.thread_replies = []
    if by_id:
        replies = (
            CirclePost.objects.filter(parent_id__in=by_id)
            .select_related("author")
            .order_by("created_at", "pk")
        )
        for reply in replies:
            by_id[reply.parent_id].thread_replies.append(reply)
    return threads


def post_of(circle, pk):
    """A post of this circle (its circle already checked by the caller), or 404."""
    post = CirclePost.objects.select_related("author").filter(circle=circle, pk=pk).first()
    if post is None:
        raise Http404
    post.circle = circle
    return post


def invitable_people(*, viewer, circle, name):
    """At most 10 people the organiser may find in the directory whose shown name
    contains name, leaving out those already in the circle or invited to it."""
    from ideahautomo.profiles.selectors import visible_profiles

    name = " ".join(name.split())
    if len(name) < 2:
        return []
    return list(
        visible_profiles(viewer=viewer)
        .filter(user__display_name__icontains=name)
        .exclude(user_id__in=Membership.objects.filter(circle=circle).values("user_id"))
        .exclude(user_id__in=CircleInvitation.objects.filter(circle=circle).values("invitee_id"))
        .select_related("user")
        .order_by("user__display_name", "pk")[:10]
    )


def invitations_of(circle):
    return list(
        CircleInvitation.objects.filter(circle=circle)
        .select_related("invitee", "invited_by")
        .order_by("created_at", "pk")
    )


def linkable_circles(viewer, ids):
    """{id: (name, address)} of the circles among ids that the viewer may see, as
    can_view_circle: a private circle only for the people in it."""
    visible = Q(visibility=Circle.Visibility.PUBLIC)
    if can_browse_members(viewer):
        visible |= Q(visibility=Circle.Visibility.MEMBERS)
    if viewer is not None and viewer.is_authenticated:
        visible |= Q(
            visibility=Circle.Visibility.PRIVATE,
            pk__in=Membership.objects.filter(user=viewer).values("circle_id"),
        )
    circles = Circle.objects.filter(visible, pk__in=ids).only("pk", "name")
    return {circle.pk: (circle.name, circle.get_absolute_url()) for circle in circles}
