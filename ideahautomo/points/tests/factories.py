from ideahautomo.accounts.tests.factories import municipality
from ideahautomo.points.models import ServicePoint


def point_in(area, *, name="TyöParkki", **fields):
    """A point in area, placed in Helsinki (code 091) whatever area that municipality has."""
    values = {
        "name": name,
        "street_address": "Työpajankatu 2",
        "municipality": municipality("091"),
        "area": area,
    }
    values.update(fields)
    return ServicePoint.objects.create(**values)
