"""Text analysis from several threads at once, as the chat's queue, the HTTP API and the
LangChain chain's batch do: the stems must be those a single thread gets."""

import threading

import pytest

from bot.core.text import analyse

pytestmark = pytest.mark.unit

TEXTS = [
    "Le Centre de développement des capacités cyber des Balkans occidentaux, basé à Podgorica",
    "Quand le C3BO a-t-il été inauguré par les partenaires européens ?",
    "Which reforms does France support for the rule of law and the fight against corruption?",
]


def test_stems_are_the_same_from_concurrent_threads():
    expected = [analyse(t, ("fr", "en")) for t in TEXTS]
    problems: list[str] = []

    def work() -> None:
        try:
            for _ in range(150):
                for text, stems in zip(TEXTS, expected):
                    if analyse(text, ("fr", "en")) != stems:
                        problems.append(f"different stems for {text!r}")
        except Exception as exc:  # a shared stemmer fails inside snowball
            problems.append(repr(exc))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not problems, problems[:3]
