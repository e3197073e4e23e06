"""Markdown that members write, rendered to HTML and sanitised once, when it is saved."""

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "h3",
    "h4",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text):
    """Safe HTML for text: raw HTML in the source is escaped, not passed through,
    links keep only http(s)/mailto targets and get rel="nofollow noopener noreferrer"."""
    if not text or not text.strip():
        return ""
    converter = markdown_lib.Markdown(extensions=["sane_lists", "nl2br"], output_format="html")
    # Members write Markdown, not HTML: raw HTML is kept as visible text.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    html = converter.convert(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
