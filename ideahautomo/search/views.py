"""The search page: results grouped by kind, or one kind's results page by page."""

from django.shortcuts import render

from . import selectors
from .forms import SearchForm
from .text import query_words


class ResultsPage:
    """What the shared pagination partial needs, without a count of all results."""

    paginator = None

    def __init__(self, number, has_next):
        self.number = number
        self.has_next_page = has_next

    def has_next(self):
        return self.has_next_page

    def has_previous(self):
        return self.number > 1

    def has_other_pages(self):
        return self.has_next() or self.has_previous()

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def _page_number(request):
    try:
        return max(1, min(int(request.GET.get("sivu", "1")), selectors.MAX_PAGE))
    except ValueError:
        return 1


def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "searched": False}
    if form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        words = query_words(data["q"])
        filters = selectors.SearchFilters(
            kind=data["kind"], municipality=data["municipality"], language=data["language"]
        )
        context.update(searched=True, query=data["q"], filtered=bool(filters.kind))
        if filters.kind:
            number = _page_number(request)
            results, has_next = selectors.results_page(
                viewer=request.user, words=words, filters=filters, page=number
            )
            context.update(results=results, page=ResultsPage(number, has_next))
        else:
            context["groups"] = selectors.results_by_kind(
                viewer=request.user, words=words, filters=filters
            )
    return render(request, "search/results.html", context)
