"""A sign-up box's pitch and status lines go with its e-mail form.

Found on WCXB's development articles and trafilatura's evaluation pages (neither stored
here): the ``<form>`` was pruned, but the lines around it ("Be the first to know!",
"Thank you! Your submission has been received!") sat under a wrapper named for no
furniture and stayed in the extract. The fixtures below are written for these tests.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from post_pages import post_body, story_lines  # sibling module (pytest's rootdir-less import)

from hoaxlens.extract import prune

LINES = story_lines(12)
PITCH = [
    "Be the first to know about the best weekend deals!",
    "Get our editors' picks in your inbox every Friday morning.",
    "Thank you! Your submission has been received!",
    "Oops! Something went wrong while submitting the form.",
]
FORM = "<form action='/s'><input type='email' name='e'><button>Go</button></form>"


def _box() -> str:
    return (
        "<div class='box-7f3'><div class='inner'>"
        f"<h3>{PITCH[0]}</h3><p>{PITCH[1]}</p>{FORM}"
        f"<div class='w-done'>{PITCH[2]}</div><div class='w-fail'>{PITCH[3]}</div>"
        "</div></div>"
    )


def test_the_lines_around_an_email_form_leave_with_it() -> None:
    paras = [f"<p>{line}</p>" for line in LINES]
    # (A box inside the story holding over 35 % of its text stays: MAX_INNER_SHARE.)
    body = post_body("".join(paras[:6]) + _box() + "".join(paras[6:]))
    for line in LINES:
        assert line in body
    for line in PITCH:
        assert line not in body


def test_a_short_story_around_an_email_field_is_kept() -> None:
    # The field's wrappers hold the whole (short) story: the story is never boxed.
    story = "".join(f"<p>{line}</p>" for line in LINES[:2])
    body = post_body(f"<div class='entry'>{story}<p>Reply by e-mail:</p>{FORM}</div>")
    for line in LINES[:2]:
        assert line in body


@settings(max_examples=3000, derandomize=True)
@given(
    st.lists(
        st.sampled_from(
            [
                "type",
                "TyPe",
                "=",
                " ",
                "\t",
                "\u2003",
                "\n",
                '"',
                "'",
                "email",
                "EMAIL",
                "eMail",
                "mail",
                "typ",
                "e",
                "t",
                "x",
                "<input ",
                ">",
                "ty pe",
            ]
        ),
        max_size=14,
    ).map("".join)
)
def test_the_email_field_check_answers_as_the_case_insensitive_pattern(markup):
    # The fast check (from each '=' before an "email") says what the pattern searched over
    # the whole page says.
    assert prune.has_email_field(markup) == (prune._EMAIL_FIELD.search(markup) is not None)


def test_the_email_field_check_on_a_long_run_of_white_space():
    page = "<input type" + " " * 50_000 + "=" + " " * 50_000 + "'EMAIL'>"
    assert prune.has_email_field(page)
    assert not prune.has_email_field(page.replace("type", "tape"))
