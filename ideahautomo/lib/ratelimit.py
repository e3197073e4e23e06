"""Fixed-window counters in the cache (Redis in production) for rate limits and lockouts."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError


def _key(scope, identity):
    digest = hashlib.sha256(str(identity).encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(scope, identity, *, window):
    """Count one event for identity and return how many fell in the current window."""
    key = _key(scope, identity)
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=window)
        return 1


def count(scope, identity):
    return cache.get(_key(scope, identity), 0)


def reset(scope, identity):
    cache.delete(_key(scope, identity))


def allow(scope, identity, *, limit, window):
    """Count one event and say whether it stays within limit events per window."""
    return hit(scope, identity, window=window) <= limit


def refuse_past_limit(scope, identity, *, limit, window, message):
    """Count one event; past limit events per window raise a ValidationError (code
    rate_limited) with message, which may name %(count)d (the limit) and %(minutes)d
    (the window)."""
    if not allow(scope, identity, limit=limit, window=window):
        raise ValidationError(
            message % {"count": limit, "minutes": window // 60}, code="rate_limited"
        )


def refuse_past_kind_limit(limits, kind, *, app, identity):
    """refuse_past_limit for one kind of an app's limits: {kind: (how many, in how many
    seconds, the message when refused)}, counted under the scope "<app>-<kind>"."""
    count, window, message = limits[kind]
    refuse_past_limit(f"{app}-{kind}", identity, limit=count, window=window, message=message)


def client_ip(request):
    """The client's address; behind TRUSTED_PROXY_COUNT proxies, read from X-Forwarded-For."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
