"""Follow-ups: whether a question goes on with the conversation ("Et qui l'a créé ?", "And when did
it open?"), what it continues (the latest question that stood on its own) and what the previous answer
said, which retrieval searches with."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from bot.answer.anchors import FACET_WORDS, anchors_of
from bot.core.records import Turn
from bot.core.text import CITATION_MARK, fold, is_place

FOLLOW_UP_START = re.compile(r"^(et|and|also|aussi|what about|how about|et pour|et en|and in|and for|puis|ensuite|then)\b", re.I)
# "Et au Kosovo, …?", "And what about Serbia?", "Et l'AFD ?": a name in the earlier question's place.
SUBSTITUTE = re.compile(
    r"^\s*(?i:et|and|mais|but)(?:\s+(?i:what|how)\s+(?i:about))?[\s,]+"
    r"(?:(?i:en|au|aux|à|a|dans|pour|chez|in|for|at|to|about|la|le|les|the)\s+)?(?:[lLdD]['’])?[A-ZÀ-ÖØ-Þ]"
    r"|^\s*(?i:what|how)\s+(?i:about)\s+(?:the\s+)?[A-ZÀ-ÖØ-Þ]"
)
PRONOUNS = frozenset(
    "il elle ils elles lui leur leurs son sa ses celui celle cela ça ce cet cette it its they them "
    "their he she his her this that those there là y".split()
)

# A plural demonstrative, "the latter", "that" as a verb's subject ("how much has that grown…?") point back,
# however long the question ("the last of those four strands"); "cette stratégie", "this text", "these countries"
# are the document's unless one is picked among them ("lequel de ces pays"), "those who…" a description.
POINTS_BACK = re.compile(r"\b(those(?! who\b| that\b| which\b)|(?:which|one|each|any|most|none|some|both|many|two|three) of these|among these|parmi ces|(?:lequel|laquelle|lesquels|lesquelles|chacun|chacune|aucun|aucune|un|une|combien|plupart|deux|trois) de ces|these(?! (?:countries|states|nations)\b)|ces(?! (?:pays|etats|nations)\b)|ceux-ci|celles-ci|the latter|the former"
                         r"|ce dernier|cette derniere|celui-ci|celle-ci|(?:has|had|did|does|will|would|could|is|was) (?:that|this)"
                         r"(?=\s*\?|\s*$|\s+\w+(?:ed|wn|en|ne)\b|\s+(?:grow|change|go|happen|start|end|compare|mean|cost)\b))\b")

# A follow-up that turns to a subject of its own: "Et sur le cyber, elle a monté quoi ?", "And as for
# trade, …?", "What about the envoy?"; the subject is the words up to the clause's end.
# Not a subject that points back ("Concernant ce pays", "sur place", "sur le terrain", "the same period").
TOPIC = re.compile(r"^\s*(?:(?:et|and|mais|but)[\s,]+)?(?:what about|how about|as for|as regards|regarding|concerning"
                   r"|when it comes to|sur|cote|côté|concernant|en mati[eè]re d(?:e\s+|['’]\s*)|pour ce qui est d(?:e|u|es)\s+"
                   r"|en ce qui concerne)\s*(?!\s)(?!(?:quoi|qui|quel\w*|combien|comment|what|which|who|how|ce|cet|cette|ces|this|that|these"
                   r"|those|it|them|place|le terrain|the ground|the same|la m[eê]me|le m[eê]me|les m[eê]mes)\b)([^,?;:]+)", re.IGNORECASE)


def topic_of_follow_up(question: str) -> str:
    """The subject a follow-up turns to ("le cyber" in "Et sur le cyber, elle a monté quoi ?"), or ""."""
    m = TOPIC.match(question)
    return m.group(1).strip() if m else ""


# A pronoun that stands for the subject talked about ("Who does it team up with on the ground?").
SUBJECT_PRONOUNS = frozenset("it its they them their he his she her il elle ils elles lui leur leurs ça cela".split())


# Words that only press the question ("Dans quels domaines précisément ?"), and words asking for
# more of what was just said ("Which other bodies?", "Quoi d'autre ?").
PRESSING = frozenset("precisement exactement concretement exactly precisely actually concretely".split())
MORE_OF = frozenset("other others else autre autres".split())


def looks_like_follow_up(question: str) -> bool:
    words = re.findall(r"\w+", question.lower())
    if FOLLOW_UP_START.match(question.strip()) or POINTS_BACK.search(fold(question)):
        return True
    named = bool(anchors_of(question))
    if len(words) <= 14 and any(w in SUBJECT_PRONOUNS for w in words) and not named:
        return True  # a longer question, naming nothing, about "it"
    if named or ":" in question:  # "What is EUFOR exactly?", "Something else: …"
        return len(words) <= 8 and any(w in PRONOUNS for w in words) or len(words) <= 3
    if len(words) <= 8 and any(fold(w) in MORE_OF for w in words):
        return True
    own = [w for w in words if fold(w) not in PRESSING]
    return len(words) <= 8 and any(w in PRONOUNS for w in words) or len(own) <= 3


# An answer that did not answer ("The text does not say. The closest passage says…") names
# nothing of the conversation's subject.
NOT_SAID = re.compile(r"ne (le )?précise pas|does not say|ne peux pas|cannot|can't", re.IGNORECASE)


def answer_words(answer: str, max_chars: int = 300) -> str:
    """The previous answer as words to search with: no citation marks, nothing if it did not answer."""
    if not answer or NOT_SAID.search(answer[:200]):
        return ""
    return CITATION_MARK.sub(" ", re.sub(r"[«»\"]", " ", answer))[:max_chars].strip()


def topic_of(history: Sequence[Turn]) -> str:
    """The question a follow-up continues: the first sentence of the latest question of the
    conversation that stands on its own (a chain of follow-ups keeps its first subject), one that only
    opened like a follow-up included ("Et qui l'a créé ?" after "Et dans quelle ville se trouve le centre
    cyber ?" continues the centre, not the question before it)."""
    for turn in reversed(history):
        first = first_sentence(turn.question)
        if first and (not looks_like_follow_up(first) or own_subject(first)):
            return first
    return first_sentence(history[0].question) if history else ""


def first_sentence(text: str) -> str:
    parts = [p for p in re.split(r"(?<=[?.!])\s+", text.strip()) if p]
    return parts[0] if parts else ""


# What a follow-up may point back with besides its pronouns: an elided one before a verb ("Et qui l'a créé ?",
# "Et c'était quand ?", "Et qu'en pense Paris ?"), not an article ("Et l'AFD…"); "the same", "ailleurs"; a place
# said before ("là-bas", "sur place", "on the ground", "over there"); and an opening that swaps a subject into
# the earlier question ("And what about the centre in Podgorica?", "Et pour le centre ?", "Et côté…").
POINTS_BACK_TOO = re.compile(
    r"\b(?:c'(?:est|etait|etaient|sera)|l'(?:a|ont|avait|avaient|aura|est|ai|as|avons|avez|etait)|(?:qu|n|s|j)'en)\b"
    r"|\b(?:same|meme|memes|pareil|pareille|idem|ailleurs|elsewhere|autre part)\b|\bla(?:-bas|\s*\?|\s*$)|\bsur place\b|\bon the ground\b|\bover there\b"
    r"|^\s*(?:(?:and|et)\s+)?(?:what|how)\s+about\b|^\s*et\s+(?:pour|concernant|quid|cote|du cote|s'agissant)\b")
# The words that open a follow-up ("Et", "And"), besides the words that only ask (FACET_WORDS), and nouns that
# need an owner the question may not give ("Et quel est le budget total prévu ?": the budget of what was asked).
LEAD_WORDS = frozenset("et and also aussi puis ensuite then pour en in for dans avec sans sous vers chez entre with from into "
                       "over about this that these than".split())  # and prepositions, which name nothing
RELATIONAL = frozenset("budget budgets cout couts cost costs montant amount date dates duree objectif objectifs goal goals aim "
                       "mission missions role partenaires partners siege headquarters financement funding".split())
# The document itself, which a question may point at in its own words ("this strategy page", "cette fiche").
DOCUMENT = re.compile(r"\b(?:this|that|cette|ce|cet)\s+(?:strategy|strategie|page|text|texte|document|fiche|site|article)\b")
POSSESSIVE = frozenset("its their his her son sa ses leurs".split())  # not "leur": "la France leur apporte"
OWNER_AFTER = re.compile(r"(?:\b(?:to|of|in|for|on|a|de|dans|pour|sur)|,)\s*$")  # "contribute to its", "Et la Serbie, sa"


def own_subject(text: str) -> bool:
    """A question that only opens like a follow-up ("Et …", "And …") but asks about a subject of its own,
    pointing back at nothing of the conversation: "Et dans quelle ville se trouve le centre cyber ?" after a
    question on the sectors. A pronoun whose antecedent the question itself gives does not point back: "it"
    after "this strategy page", "its" right after "Paris … name" (not "to its", nor after a place: "en Serbie,
    sa visite"), "y" after "en Bosnie". It is read on its own: the previous question's names, topic and answer
    would make it answer that one again ("La coopération touche l'environnement… Il se trouve à Podgorica") or
    ask its names of the passage that answers ("UE"), and abstain."""
    text = unicodedata.normalize("NFC", text)
    plain = fold(text)  # as long as `text`: an offset in one is an offset in the other
    plain = DOCUMENT.sub(lambda m: "#" * len(m.group(0)), plain)
    if not FOLLOW_UP_START.match(text.strip()) or POINTS_BACK.search(plain) or POINTS_BACK_TOO.search(plain):
        return False
    for m in re.finditer(r"\w+", plain):
        w, before = m.group(0), text[: m.start()]
        if w in MORE_OF:
            return False
        if w not in PRONOUNS and w != "ca":
            continue
        if w in ("it", "il", "elle") and "#" in plain[: m.start()]:
            continue  # "this strategy page — when was it last updated?"
        names = anchors_of(before)
        if w in POSSESSIVE and not OWNER_AFTER.search(plain[: m.start()]) and [a for a in names if not is_place(a, before, flags=re.I)]:
            continue  # "when did Paris name its envoy?", not "en Serbie, sa visite"
        if w in ("y", "there") and [a for a in names if is_place(a, before, flags=re.I)]:
            continue  # "en Bosnie, la France y exerce…"
        return False
    content = [w for w in re.findall(r"[\w']+", plain) if w not in FACET_WORDS and w not in LEAD_WORDS
               and w not in RELATIONAL and len(w) >= 4]
    return len(content) >= 3
