"""A verdict that only gives a yes/no question back ("Yes, France does something on the audiovisual
side.") rests on the sentences after it that answer; e5 finds any passage close to the question's
own words, so the passage it would be cited to on its own may be about something else."""

from __future__ import annotations

from bot.answer import judge
from bot.answer.question import Question
from bot.checks import VERDICT, SentenceCheck


def cite_as_answers(checks: list[SentenceCheck], q: Question) -> list[SentenceCheck]:
    """The verified sentences, those that only say yes or no to a yes/no question in its own words
    cited to the passages of the first one that says more. Alone, a restating sentence keeps its
    passage (the answer as a whole is then judged to add nothing)."""
    if not q.yes_no:  # "France's cooperation under that pillar covers:" leads a list in; it is no verdict
        return checks
    saying = [not (VERDICT.match(c.sentence) and judge.adds_nothing(c.sentence, q, q.language)) for c in checks]
    if any(saying) and not all(saying):
        units = checks[saying.index(True)].units
        for c, says in zip(checks, saying):
            if not says:
                c.units = list(units)
    return checks
