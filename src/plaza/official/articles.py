"""Article bodies: Markdown rendered to HTML that no script can run from.

Two guards, both always on. ``find_unsafe`` refuses a body whose HTML would carry script,
an event handler, a frame or a ``javascript:``/``data:`` link, so the author learns of it
(422 ``official.article_unsafe``); ``render`` then passes everything through an allow-list
sanitiser anyway, so whatever the check misses never reaches a reader.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt

UNSAFE_TAGS = frozenset(
    {"script", "style", "iframe", "frame", "frameset", "object", "embed", "base", "meta", "link"}
)
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "srcset"})
ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s",
        "del", "u", "sub", "sup", "code", "pre", "blockquote", "ul", "ol", "li", "a", "img",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]+")  # browsers skip these inside a scheme

_markdown = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")
# Let every link through to the HTML so that ``find_unsafe`` sees (and refuses) a
# javascript: link instead of markdown-it quietly leaving it as text.
_markdown.validateLink = lambda url: True  # type: ignore[method-assign]


class _UnsafeFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.found is not None:
            return
        if tag in UNSAFE_TAGS:
            self.found = f"a <{tag}> element"
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.found = f"an event handler ({name})"
                return
            url = _IGNORED_IN_URLS.sub("", value or "").lower()
            if name in URL_ATTRIBUTES and url.startswith(UNSAFE_SCHEMES):
                self.found = f"a {url.split(':', 1)[0]}: link"
                return

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def to_html(markdown: str) -> str:
    """The Markdown as HTML, before sanitising."""
    rendered: str = _markdown.render(markdown)
    return rendered


def find_unsafe(html: str) -> str | None:
    """What in ``html`` could run script, described for the author; None when nothing."""
    finder = _UnsafeFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def sanitise(html: str) -> str:
    """Only the allowed tags, attributes and URL schemes are kept; links open safely."""
    cleaned: str = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(UNSAFE_TAGS - {"base", "meta", "link"}),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer nofollow",
    )
    return cleaned
