"""Page furniture goes, body paragraphs stay."""

from __future__ import annotations

from warlog.ingest import clean_text, strip_boilerplate
from warlog.ingest.boilerplate import split_paragraphs

BODY_1 = "Militants attacked a checkpoint outside a fictional oasis town on Sunday, killing three soldiers."
BODY_2 = "The army said it had sent reinforcements to the area after the attack."


def test_caption_printed_twice_is_dropped_everywhere() -> None:
    caption = "A soldier stands guard at a checkpoint near the oasis on May 2. (AFP)"
    text = f"{caption}\n{caption}\n\n{BODY_1}\n\n{caption}\n{caption}\n\n{BODY_2}"
    assert clean_text(text) == f"{BODY_1}\n\n{BODY_2}"


def test_caption_doubled_on_one_line_is_dropped() -> None:
    text = f"Video: smoke over the oasis town. Video: smoke over the oasis town\n\n{BODY_1}"
    assert clean_text(text) == BODY_1


def test_agency_markers_and_share_lines_are_dropped() -> None:
    text = (
        f"TT\n\nShare\nTweet | Email | Print\n{BODY_1}\n\nAFP\n\n-XINHUA\n\n{BODY_2}"
        "\n\n(Reuters)\n\nFollow us on Telegram"
    )
    assert clean_text(text) == f"{BODY_1}\n\n{BODY_2}"


def test_title_repeated_in_body_is_dropped() -> None:
    title = "Three soldiers killed at oasis checkpoint"
    text = f"{title}\n\n{BODY_1}\n\n{title}\n\n{BODY_2}"
    assert clean_text(text, title) == f"{BODY_1}\n\n{BODY_2}"


def test_related_links_list_is_dropped_but_the_next_paragraph_kept() -> None:
    text = (
        f"{BODY_1}\n\nRead more:\nFloods cut the coastal highway for a second day\n"
        f"Central bank holds rates steady\n\n{BODY_2}\n\nAlso read: Opposition names new leader"
    )
    assert clean_text(text) == f"{BODY_1}\n\n{BODY_2}"


def test_read_time_live_labels_bylines_and_datelines_are_dropped() -> None:
    text = (
        f"3 min read\n\nMonday, 6 May, 2024\n\nBy Jane Example\n\n{BODY_1}\n\nLive Story\n\n"
        f"https://example.org/x1\n\n[embedded content]\n\n{BODY_2}\n\n"
        "Reporting by Jane Example; Editing by Sam Doe"
    )
    assert clean_text(text) == f"{BODY_1}\n\n{BODY_2}"


def test_real_sentences_are_kept_even_when_they_name_an_agency() -> None:
    text = (
        "AFP reported that gunmen killed two farmers near the fictional village of Tel Example.\n\n"
        "Two farmers were killed by gunmen near the village, a witness told Reuters (AFP).\n\n"
        "By nightfall, the army had sealed off the roads leading to the village."
    )
    assert strip_boilerplate(text).paragraphs == text.split("\n\n")


def test_a_repeated_sentence_keeps_its_first_copy() -> None:
    text = f"{BODY_1}\n\n{BODY_2}\n\n{BODY_1}"
    assert clean_text(text) == f"{BODY_1}\n\n{BODY_2}"


def test_embedded_tweet_signature_is_removed_but_the_tweet_text_kept() -> None:
    tweet = "Heavy explosions reported near the fictional airport tonight."
    text = f"{BODY_1}\n\n{tweet}\n\nhttps://t.co/AbC123 — Example News (@ExampleNews) May 6, 2024"
    assert clean_text(text) == f"{BODY_1}\n\n{tweet}"


def test_hard_wrapped_paragraph_is_rejoined() -> None:
    text = (
        "Fighting resumed on Thursday along the northern front line of the fictional\n"
        "province, where both sides had observed a ceasefire for almost three weeks,\n"
        "local officials said.\n\nShort line one.\nShort line two."
    )
    assert split_paragraphs(text) == [
        "Fighting resumed on Thursday along the northern front line of the fictional "
        "province, where both sides had observed a ceasefire for almost three weeks, "
        "local officials said.",
        "Short line one.",
        "Short line two.",
    ]


def test_dropped_lines_say_why() -> None:
    cleaned = strip_boilerplate(f"TT\n\n{BODY_1}")
    assert cleaned.dropped == [("agency marker", "TT")]


def test_headlines_credited_to_other_outlets_are_dropped() -> None:
    text = (
        f"{BODY_1}\n\nFloods close the coastal road again — Example Times of Somewhere\n\n"
        f"Port strike enters second week — ENN\n\n{BODY_2}"
    )
    assert clean_text(text) == f"{BODY_1}\n\n{BODY_2}"
