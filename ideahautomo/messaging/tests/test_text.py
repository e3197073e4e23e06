"""Members' messages are plain text: everything escaped, web addresses made safe links."""

from ideahautomo.messaging.text import linkify

REL = 'rel="nofollow noopener noreferrer"'


def test_markup_is_shown_as_text():
    html = linkify('<script>alert("x")</script> & <b>bold</b>')
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_web_addresses_become_links_that_leak_nothing():
    html = linkify("Katso https://example.fi/polku?a=1&b=2 huomenna")
    assert (
        f'<a href="https://example.fi/polku?a=1&amp;b=2" {REL}>https://example.fi/polku?a=1&amp;b=2</a>'
        in html
    )
    assert html.startswith("Katso ") and html.endswith(" huomenna")


def test_sentence_punctuation_and_brackets_stay_outside_the_link():
    html = linkify("(lue https://example.fi/a.) ja http://example.fi/b_(c)!")
    assert f'<a href="https://example.fi/a" {REL}>' in html
    assert "</a>.)" in html
    assert f'<a href="http://example.fi/b_(c)" {REL}>' in html
    assert "</a>!" in html


def test_only_web_addresses_become_links():
    for text in ["javascript:alert(1)", "ftp://example.fi", "data:text/html,<b>x</b>", "www.x.fi"]:
        assert "<a " not in linkify(text), text


def test_an_address_cannot_break_out_of_its_attribute():
    html = linkify('https://example.fi/"onmouseover="alert(1)')
    assert 'href="https://example.fi/"' in html
    assert 'onmouseover="' not in html


def test_line_breaks_are_kept():
    assert linkify("eka\r\ntoka\nkolmas") == "eka<br>toka<br>kolmas"


def test_empty_text():
    assert linkify("") == ""
    assert linkify(None) == ""
