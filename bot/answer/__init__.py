"""Answering: the service and what it is made of (question reading, judging, composing, queueing)."""

from bot.answer.follow_up import looks_like_follow_up
from bot.answer.question import clean_question
from bot.answer.service import ABSTAIN, AnswerService

__all__ = ["ABSTAIN", "AnswerService", "clean_question", "looks_like_follow_up"]
