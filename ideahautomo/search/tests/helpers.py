"""Content for the search tests, made through each feature's own services."""

from ideahautomo.circles import services as circle_services
from ideahautomo.circles.models import Circle
from ideahautomo.search.selectors import SearchFilters, results_page
from ideahautomo.search.text import query_words


def circle(organiser, **overrides):
    values = {
        "name": "Suomea arjessa",
        "topic": "Suomen kieli",
        "description": (
            "Rento kurssi, jolla harjoitellaan **arjen** suomea kaupassa ja kirjastossa."
        ),
        "language": "fi",
        "level": "A1",
        "format": Circle.Format.ONLINE,
        "municipality": None,
        "capacity": 10,
        "policy": Circle.Policy.OPEN,
        "visibility": Circle.Visibility.PUBLIC,
    }
    values.update(overrides)
    return circle_services.circle_create(actor=organiser, **values)


def found(viewer, query, **filters):
    """The titles the viewer finds for the query, best first."""
    results, _more = results_page(
        viewer=viewer, words=query_words(query), filters=SearchFilters(**filters), page=1
    )
    return [result.title for result in results]
