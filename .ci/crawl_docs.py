#!/usr/bin/env python3
"""Crawl the mock's HTML guides and fail on a broken link or an empty page.

usage: crawl_docs.py BASE_URL     e.g. http://127.0.0.1:4010

Starts at BASE_URL/docs/, follows every same-site link on every page, and checks that each
target answers 200, that each HTML page has text in <main>, that each #fragment names an
element id on the target page, and that no paragraph stops inside a sentence (a <p> whose text
does not end as a sentence or an introduction does: . : ! ? or a closing bracket).
Exit status: 0 all good, 1 a broken link, an empty page or a split paragraph.
"""
import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids, self.main_text, self._in_main = [], set(), [], 0
        self.paragraphs, self._paragraph = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "main":
            self._in_main += 1
        if tag == "p" and self._in_main:
            self._paragraph = []
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])

    def handle_endtag(self, tag):
        if tag == "main":
            self._in_main -= 1
        if tag == "p" and self._paragraph is not None:
            self.paragraphs.append(" ".join("".join(self._paragraph).split()))
            self._paragraph = None

    def handle_data(self, data):
        if self._in_main and data.strip():
            self.main_text.append(data.strip())
        if self._paragraph is not None:
            self._paragraph.append(data)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, "", ""
    except OSError as error:
        return 0, "", str(error)


def main(argv):
    if len(argv) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    base = argv[0].rstrip("/")
    start = base + "/docs/"
    host = urllib.parse.urlparse(start).netloc
    queue, seen, pages, problems, fragments = [start], set(), {}, [], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, content_type, body = fetch(url)
        if status != 200:
            problems.append(f"{url}: answered {status}")
            continue
        if "text/html" not in content_type:
            continue
        page = Page()
        page.feed(body)
        pages[url] = page
        if not page.main_text:
            problems.append(f"{url}: the page has no text")
        for paragraph in page.paragraphs:
            if paragraph and not paragraph.endswith((".", ":", "!", "?", ")", "»")):
                problems.append(f"{url}: a paragraph stops inside a sentence: '…{paragraph[-60:]}'")
        for link in page.links:
            target = urllib.parse.urljoin(url, link)
            parsed = urllib.parse.urlparse(target)
            if parsed.netloc != host:
                continue
            if parsed.fragment:
                fragments.append((url, target))
            queue.append(parsed._replace(fragment="").geturl())
    for source, target in fragments:
        parsed = urllib.parse.urlparse(target)
        page = pages.get(parsed._replace(fragment="").geturl())
        if page is not None and parsed.fragment not in page.ids:
            problems.append(f"{source}: link to {target}: no element with id '{parsed.fragment}'")
    for problem in problems:
        print(problem)
    print(f"{len(seen)} URLs checked, {len(pages)} HTML pages, {len(fragments)} fragment links, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
