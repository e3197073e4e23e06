"""Pages without counting every row: "previous" and "next" only, for lists of a whole country."""

from dataclasses import dataclass

MAX_PAGE = 100


@dataclass
class Window:
    object_list: list
    number: int
    has_more: bool
    paginator = None  # no total: the pagination partial shows no "page N of M"

    def has_next(self):
        return self.has_more

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_more or self.number > 1

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1

    @property
    def is_last_allowed(self):
        return self.number >= MAX_PAGE


def window(queryset, page, *, per_page):
    """One page of queryset, fetching one row more than shown to know if more follow.

    Pages beyond MAX_PAGE are not served: people narrow their search instead.
    """
    try:
        number = max(1, min(int(page or 1), MAX_PAGE))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    has_more = len(rows) > per_page and number < MAX_PAGE
    return Window(object_list=rows[:per_page], number=number, has_more=has_more)
