"""The lexical side of retrieval: the terms of a text, and a BM25 index of them in SQLite."""

from bot.lexical.index import MAX_SEGMENTS, LexicalIndex
from bot.lexical.terms import analyse, words

__all__ = ["MAX_SEGMENTS", "LexicalIndex", "analyse", "words"]
