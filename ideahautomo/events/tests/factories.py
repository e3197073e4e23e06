from datetime import timedelta

import factory
from django.utils import timezone

from ideahautomo.events.models import Event
from ideahautomo.lib.markdown import render_markdown


def in_days(days, hour=None):
    moment = timezone.localtime() + timedelta(days=days)
    if hour is not None:
        moment = moment.replace(hour=hour, minute=0, second=0, microsecond=0)
    return moment


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.WORKSHOP
    title = factory.Sequence(lambda n: f"Työpaja {n}")
    description = "Tule mukaan *työpajaan*."
    description_html = factory.LazyAttribute(lambda event: render_markdown(event.description))
    starts_at = factory.LazyFunction(lambda: in_days(7, 12))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=3))
    venue_name = "Ideahautomon tila"
    status = Event.Status.PUBLISHED
    is_public = True
    capacity = 10
