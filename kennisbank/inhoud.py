"""Markdown written by editors, turned into HTML that is safe to show to everyone."""

import re
import threading
from html import unescape

import markdown
import nh3
from django.utils.html import strip_tags

TOEGESTANE_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}  # fmt: skip
TOEGESTANE_ATTRIBUTEN = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}

# One converter per thread, reset between texts: building one costs more than converting
# a text, which adds up in an import of many items.
_omzetter = threading.local()

# The page title is the only h1; headings in the text start one level lower.
_KOP_1 = re.compile(r"<(/?)h1(\s|>)")


def markdown_naar_html(tekst: str) -> str:
    """Render Markdown and keep only harmless markup: no scripts, no event handlers,
    no styles, links only to http(s) and mailto with rel="noopener noreferrer"."""
    if not hasattr(_omzetter, "markdown"):
        _omzetter.markdown = markdown.Markdown(extensions=["tables", "sane_lists"])
    html = _omzetter.markdown.reset().convert(tekst or "")
    html = _KOP_1.sub(r"<\1h2\2", html)
    return nh3.clean(
        html,
        tags=TOEGESTANE_TAGS,
        attributes=TOEGESTANE_ATTRIBUTEN,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def html_naar_platte_tekst(html: str) -> str:
    """Plain text from HTML this module rendered, for fragments: the tags dropped and
    entities decoded, so a link, emphasis or list leaves only its words."""
    return " ".join(unescape(strip_tags(html or "")).split())
