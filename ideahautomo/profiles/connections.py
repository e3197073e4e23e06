"""Who counts as connected to whom, for profiles visible "only to people in the same study
circles and ideas". Features that form groups register a source here when they exist."""

_sources = []


def register_connection_source(source):
    """source(user_id) -> the ids (ideally a queryset, usable as a subquery) of the
    users that share a group with user_id."""
    _sources.append(source)
    return source


def connection_sources():
    return list(_sources)


def connected_user_ids(user_id):
    connected = set()
    for source in _sources:
        connected.update(source(user_id))
    connected.discard(user_id)
    return connected
