"""Reading a question before answering it: cleaning, language, what it continues when it is a follow-up
(`follow_up`), what kind of answer it needs, the names and figures it is about (`anchors`), and whether
it is an off-task instruction."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.answer.anchors import FACET_WORDS, anchors_of
from bot.answer.contrast import without_contrast
from bot.answer.follow_up import SUBSTITUTE, answer_words, looks_like_follow_up, own_subject, topic_of
from bot.core.errors import QuestionError
from bot.core.capitals import paired_capitals
from bot.core.records import Turn
from bot.core.text import detect_language, fold

# What a question asks for, from its interrogative words (French and English).
KINDS = [
    ("number", r"\bcombien\b|\bhow (many|much|large|big)\b|\bquel(le)?s? (est|sont|etait|fut) (le|la|les) "
               r"(montant|nombre|chiffre|budget|somme|valeur|part|pourcentage)|\bwhat(?:'s| is| was| were) the (?:(?:overall|total|annual|yearly|exact|precise|approximate|whole|entire) )?"
               r"(amount|number|figure|value|total|budget|sum|share|percentage)\b|\bwhat (amount|number|share|percentage)\b"
               r"|\bquel(le)? (montant|nombre|somme|pourcentage|budget|cout|prix|enveloppe|proportion)\b|\bwhat proportion\b"
               r"|\bquelle part\b(?!.*\bpr(?:end|ennent|endre|is|ise)\b)|\bwhat (budget|price|sum)\b"
               r"|\bby how much\b|\bde combien\b"
               r"|\bhow long\b|\bfor how many\b|\bworth\b|\ba combien s'eleve\b|\bhow often\b"),
    ("date", r"\bquand\b(?! (?:il|on) (?:s'agit|parle)\b)|\bwhen\b(?! it comes to\b)|\b(en|a|dans|depuis) quelles? (annee|date|periode)s?\b|\bwhat(?:'s| is| was| are| were)? (?:the )?(?:exact |precise |specific )?(year|date|month)s?\b(?!['-])"
             r"|\b(in|since|from) (which|what) (year|date|month)\b|\bdepuis quand\b|\bsince when\b"
             r"|\bquelles? (?:(?:est|sont|etait|etaient) (?:la |les |l')?)?(annee|date)s?\b|\bwhich (?:exact |precise |specific )?(year|date|month)s?\b(?!['-])|\bhow long ago\b|\bde quand\b"
             r"|\ba quel moment\b(?!\s+(?:du|de la|de l'|des|d')\b)|\bat what (point|time)\b(?!\s+(?:in|of)\b)|\b(?:a quel moment|quelle periode) de l'annee\b|\b(?:what (?:time|part)|at what point) (?:of|in) (?:the )?year\b|\b(?:en|a) quel mois\b|\ba quelle saison\b|\bin (?:which|what) season\b"
             r"|\b(?:quoi|quelle est|c'est|etait) (?:l'|la )(annee|date) (?:ou|a laquelle)\b|\bwhat(?: is|'s| was) the (year|date) (?:when|that|in which)\b"),
    ("name", r"\bcomment s'appelle\b|\bquel est (le|son) nom\b|\bwhat is (the|his|her|its) name\b|\bwho is\b|(?:^|[?.!]\s*)(?:et |and )?(?:son|leur|leurs|his|her|their|its) (?:noms?|names?)\s*\?"
             r"|\bwhat'?s (the|his|her|its) name\b|\bnamed?\b.*\?$|\bqui (est|sont|etait)\b|\bwho'?s\b"
             r"|\b(need|want|give me|donne[zr]?(-moi)?|veux|voudrais|besoin d[eu]) (a |the |his |her |their |un |le |son |leur )?(name|nom)\b"
             ),
    ("who", r"^\s*(et )?(and )?qui\b|\bwho\b|\bc'est qui\b|\bqui c'est\b|\bwhich (\w+ )?(countr|organi[sz]ation|institution|bod|partner|state|force)"
            r"|\bquel(le)?s? (pays|organisation|institution|partenaire|etat|force)s?\b|\bpar qui\b|\bavec qui\b"
            # "Parmi ces pays, lequel…": one of several, by its name.
            r"|\b(parmi|among)\b.*\b(lequel|laquelle|lesquels|lesquelles|which)\b"),
    ("place", r"\bxwherex\b|^\s*(?:et |mais |alors )?ou\b|\b(?:d'|par |jusqu')ou\b|\bou\s*\?\s*$|\bwhere\b|\bdans quel(le)? (ville|pays|region)\b|\bin which (city|country|region|town)\b"
              r"|\bwhat (city|country|town)\b|\bquelles? villes?\b|\b(which|what) (\w+ )?(city|cities|towns?)\b"),
]
# Off-task instructions: the assistant answers questions about the text, nothing else.
INSTRUCTION = re.compile(
    r"\b(ignore|oublie|oubliez|forget|disregard|ignorez)\b.{0,40}\b(instruction|regle|rule|consigne|prompt|directive)s?\b"
    r"|\b(system prompt|prompt systeme|developer mode|mode developpeur|jailbreak|dan mode)\b"
    r"|\b(write|ecris|ecrivez|compose|redige|redigez|invente|draft)\b.{0,25}\b(poem|poeme|story|histoire|song|chanson"
    r"|limerick|essay|dissertation|joke|blague|haiku|code|script|email|lettre|letter|recipe|recette)s?\b"
    r"|\b(reponds|repondez|answer|reply|respond|say|dis|dites|print|affiche|output|ecris|write)\b.{0,12}"
    r"\b(uniquement|seulement|only|just|exactly|exactement)\b"
    r"|\b(confirm|confirme|confirmez|affirme|affirmez|assert|claim|pretends?|pretendez|agree)\b.{0,30}\b(que|that|it|le|la)\b"
    r"|\b(you are now|tu es maintenant|vous etes maintenant|act as|agis comme|fais comme si|pretend to be|roleplay)\b"
    r"|\b(traduis|translate|resume|summari[sz]e)\b.{0,20}\b(this|ceci|cela|ce texte|the following|suivant)\b"
    r"|\b(repete|repeat|reveal|revele|montre|show|print|affiche)\b.{0,30}\b(instructions|prompt|rules|regles|consignes)\b"
    # A sentence to slip into the answer: "insert the sentence 'France has withdrawn…'".
    r"|\b(insert|add|include|append|insere|inserez|ajoute|ajoutez|inclus|incluez|glisse|glissez)\b.{0,30}"
    r"\b(sentence|phrase|line|ligne|statement|words|mots)\b[^'\"\u00ab\u201c\u2018?]{0,25}['\"\u00ab\u201c\u2018]",
    re.IGNORECASE,
)
MONEY = re.compile(
    r"\b(budget|montant|cout|enveloppe|financement|finance|financiere?s?|investi\w*|depense\w*|amount|cost|funding|fund|spen[dt]|invest\w*"
    r"|worth|euros?|dollars?|money|argent|how much (has|did|does|was|were|is)|combien (d'euros|d'argent|a-t-elle|a-t-il|ont))\b"
)
# A question to confirm or deny ("…, wasn't it?", "Is it true that…", "Est-ce que…", "…, n'est-ce pas ?"):
# what the text says instead answers it, when it names the rest of what the question names.
YES_NO = re.compile(
    r"^(is|was|are|were|did|does|do|has|have|had|can|could|will|would|should|isn't|wasn't|didn't|doesn't)\b"
    r"|\b(is|was) (it|that|this) (true|right|correct|so)\b|,\s*(isn't|wasn't|aren't|weren't|didn't|doesn't|don't|hasn't"
    r"|haven't|won't) (it|he|she|they|that|there)\s*\?$|\b(right|correct|true)\s*\?$"
    # A statement with a tag: "France never appointed an envoy, did it?"
    r"|,\s*(is|was|are|were|did|does|do|has|have|had|will|would|can|could) (it|he|she|they|that|there)\s*\?$"
    r"|^est-ce qu|\best-ce (vrai|exact|juste)\b|\bc'est (vrai|exact|juste)\b|n'est-ce pas|\b(vrai|exact|non)\s*\?$|(?<!pourquoi )(?<!comment )(?<!quoi )\bc'est (bien )?(ca|cela|correct)\s*\?$"
)
# The same question after a lead ("Quick one on timing: was it…?"), or asked by inversion in French
# ("Macron a-t-il déjà accueilli…?", "Y a-t-il…?"), with no interrogative word before the verb.
YES_NO_AFTER_LEAD = re.compile(r"^[^?:;]{0,40}[:;]\s*(is|was|are|were|did|does|do|has|have|had|can|could|will|would|est-ce qu)\b")
INVERTED = re.compile(r"\b[\w']+-(?:t-)?(?:il|elle|ils|elles|on)\b")
# French interrogative words (folded), shared by the readings of a question's form.
FRENCH_ASKING = "que|qu|quel|quelle|quels|quelles|lequel|laquelle|qui|quoi|comment|combien|pourquoi"
ASKING_WORD = re.compile(rf"\b({FRENCH_ASKING}|lesquels|lesquelles|quand|ou|xwherex)\b")
# "que", "qui" after a determiner and a noun of its clause are relatives: "Le centre que Paris a cofondé se trouve-t-il…?"
RELATIVE = re.compile(r"(\b(?:l|le|la|les|un|une|des|du|au|aux|ce|cet|cette|ces|son|sa|ses|leur|leurs)\b[^,;:?!.]*?[a-z] )(?:que|qu|qui)\b")


def is_yes_no(text: str) -> bool:
    """A question to confirm or deny: "Did Paris…?", "Is it true that…", "La France a-t-elle…?", "Y a-t-il…?" (not "Quand la France a-t-elle…?")."""
    plain = fold(_where(text)).strip()
    first = re.split(r"(?<=\?)\s+", plain)[0]
    if YES_NO.search(first) or YES_NO_AFTER_LEAD.search(first):
        return True
    m = INVERTED.search(first)
    return bool(m) and not ASKING_WORD.search(RELATIVE.sub(r"\1 ", first[: m.start()])) and not ASKING_WORD.search(m.group(0))


@dataclass
class Question:
    """A cleaned question and what was read from it."""

    text: str
    language: str
    kind: str  # number | date | name | who | place | other
    standalone: str  # with the previous question prepended for a follow-up (for retrieval)
    asked: str  # the question without the alternative it sets aside ("…, or is it all security?")
    previous: str = ""  # the previous question of the conversation, for a follow-up
    anchors: list[str] = field(default_factory=list)  # names and acronyms the question is about
    instruction: bool = False
    money: bool = False  # the figure asked for is an amount of money
    yes_no: bool = False  # a question to confirm or deny something
    facets: list[str] = field(default_factory=list)  # the parts of a question in several parts
    # What retrieval searches with: for a follow-up, also the previous answer's words ("that" in
    # "Which reform areas does that cover?" is what the answer named: the rule of law).
    search: str = ""


def clean_question(question: str, max_chars: int) -> str:
    if not isinstance(question, str):
        raise QuestionError("The question must be text.")
    text = "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in question)
    text = re.sub(r"\s+", " ", text).strip()
    lang = detect_language(text[:500]) if text else "en"
    if not re.search(r"\w", text):
        raise QuestionError("La question est vide." if lang == "fr" and text else "The question is empty.")
    if len(text) > max_chars:
        raise QuestionError(
            f"La question est trop longue ({len(text)} caractères ; maximum {max_chars})."
            if lang == "fr"
            else f"The question is too long ({len(text)} characters; the limit is {max_chars})."
        )
    return text


# "Quand Paris dit vouloir aider ces pays, de quels chantiers s'agit-il ?": a clause that sets the
# scene before the question proper; not "Quand a-t-il été ouvert, et par qui ?" (a question itself).
SCENE = re.compile(r"^\s*(?:quand|lorsque|when|while|si|if)\s+(?!(?:did|does|do|was|were|is|are|has|have|had|will|can|could)\b)"
                   r"([^?,]*?),\s*(?=\S)")
ASKS = re.compile(rf"\b({FRENCH_ASKING}|which|what|who|whom|how|where|why)\b")


# French "où" (where) and "ou" (or) are one word once folded: the accent is read first, and where "où" stands ("Où…",
# "D'où…", "… est où ?" ask a place; "… en bloc ou au cas par cas ?" does not). "Où" after a noun of time or place
# ("au moment où", "le pays où") or a determiner and a noun ("des domaines où") is a relative, asking no place.
WHERE_FR = re.compile(r"\b[oO][ùÙ]\b")
RELATIVE_BEFORE = frozenset("cas moment jour jours annee annees mois periode epoque heure date fois pays ville villes lieu lieux "
                            "endroit region regions mesure contexte situation la".split())  # or after a determiner and a word:
DETERMINER = frozenset("l le la les un une des du d ce cet cette ces son sa ses leur leurs quel quelle quels quelles".split())  # "des domaines où"


def _where(text: str) -> str:
    """`text` with an asking "où" marked, so that folding does not make it "ou"."""
    def mark(m: re.Match) -> str:
        before = re.findall(r"\w+", fold(text[: m.start()]))  # "l'année où": "annee"; not "Le centre, où est-il ?"
        glued = not re.search(r"[,;:?!.]\s*$", text[: m.start()]) and not re.match(rf"(?:[\w']+\s+){{0,2}}{INVERTED.pattern}|est-ce", text[m.end():].strip())
        relative = before and (before[-1] in RELATIVE_BEFORE or len(before) > 1 and before[-2] in DETERMINER and glued)
        return m.group(0) if relative else " xwherex "
    return WHERE_FR.sub(mark, unicodedata.normalize("NFC", text))


def question_kind(text: str) -> str:
    plain = fold(_where(text))
    if (m := SCENE.match(plain)) and not re.search(r"-t-|-(?:il|elle|ils|elles|on)\b|est-ce", m.group(1)) \
            and ASKS.search(plain[m.end():]):
        plain = plain[m.end():]  # the question after the scene
    for kind, pattern in KINDS:
        if re.search(pattern, plain):
            return kind
    return "other"


# Where a question in several parts divides: "X or Y", "between X and Y", "X before/after Y",
# "X when Y", "X, and when…", two questions in one.
FACET_SPLIT = re.compile(
    r"\s(?:or|ou|and|et|when|quand|lorsque|while|before|after|avant|apres|après|between|entre|than|since|depuis)\s"
    r"|[,;:?—–]\s|\s[—–-]\s",
    re.IGNORECASE,
)
def facets_of(text: str) -> list[str]:
    """The parts of a question that asks about several things ("Which came first, the envoy's
    appointment or the centre's opening?" -> the appointment, the opening), each with words of its
    own; [] for a question in one part."""
    m = re.search(r"\b(?:after|before)\s+(.+?)\s+(?:did|does|do|was|were|has|had)\s+(.+?)\s*\??$", text, re.IGNORECASE)
    if m:  # "How many years after launching the strategy did France open the centre?"
        return [m.group(1), m.group(2)]
    parts = [p.strip(" ?!.") for p in FACET_SPLIT.split(text)]
    parts = [p for p in parts if len([w for w in re.findall(r"[\w']+", fold(p)) if w not in FACET_WORDS]) >= 2]
    return parts if len(parts) >= 2 else []


def read_question(
    question: str, history: Sequence[Turn], *, max_chars: int, lang: str = "auto"
) -> Question:
    text = clean_question(question, max_chars)
    asked = without_contrast(text)
    previous_lang = detect_language(history[-1].question) if history else "fr"
    language = lang if lang in ("fr", "en") else detect_language(text, default=previous_lang)
    follow_up = bool(history) and looks_like_follow_up(text) and not own_subject(text)
    topic = topic_of(history) if follow_up else ""
    standalone = f"{topic} {asked}".strip() if topic else asked
    said = answer_words(history[-1].answer) if follow_up else ""
    return Question(
        text=text,
        language=language,
        kind=question_kind(text),
        standalone=standalone,
        asked=asked,
        previous=topic,
        # A follow-up putting a name in the earlier one's place is about it ("Et au Kosovo, quelle force ?"
        # after the EU's force in Bosnia); one going on keeps its names ("And when did it open?" after the C3BO).
        anchors=(follow_up and SUBSTITUTE.match(text) and anchors_of(text)) or anchors_of(standalone),
        instruction=bool(INSTRUCTION.search(fold(text))),
        money=bool(MONEY.search(fold(text))),
        yes_no=is_yes_no(text),
        # A follow-up's subject is a part of its own: "Which part does that come under?" needs what "that" is.
        facets=([topic, asked] if topic else []) + facets_of(asked),
        # Two countries named as a pair are written by their capitals too ("entre Belgrade et Pristina").
        search=" ".join([standalone, said, *paired_capitals(standalone)]).strip(),
    )
