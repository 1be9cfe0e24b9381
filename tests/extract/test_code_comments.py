"""Comments in highlighted code are code, not a reader's comments.

Syntax highlighters wrap a code comment in ``<span class="hljs-comment">`` (highlight.js)
or ``<span class="token comment">`` (Prism). The furniture pruning and resiliparse's
comment filter both read "comment" in a class as a reader's comment. The pages are written
for these tests.
"""

from __future__ import annotations

import pytest
from post_pages import post_body, story_lines  # sibling module (pytest's rootdir-less import)

from hoaxlens.extract import prune

LINES = story_lines(5)
CODE = [
    ("# make a new repository in this folder", "git init"),
    ("# stage every changed file", "git add -A"),
    ("# record the staged files with a message", 'git commit -m "first"'),
]


def _page(comment_class: str) -> str:
    code = "\n".join(
        f'<span class="{comment_class}">{note}</span>\n{command}' for note, command in CODE
    )
    story = "".join(f"<p>{line}</p>" for line in LINES)
    return post_body(f"{story}<pre><code class='language-bash'>{code}</code></pre>")


@pytest.mark.parametrize("comment_class", ["hljs-comment", "token comment"])
def test_code_comments_are_kept(comment_class: str) -> None:
    body = _page(comment_class)
    assert all(note in body and command in body for note, command in CODE)
    assert all(line in body for line in LINES)


def test_without_the_rule_they_were_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    # The control: the same page lost its code comments before.
    monkeypatch.setattr(prune, "_is_code_token", lambda node: False)
    body = _page("hljs-comment")
    assert not any(note in body for note, _ in CODE)


def test_a_comment_thread_is_still_dropped() -> None:
    thread = "<div class='comments'><p>Great post, thanks for sharing this with us all!</p></div>"
    body = post_body("".join(f"<p>{line}</p>" for line in LINES) + thread)
    assert "Great post" not in body
