"""Does a text answer the question asked? The kind of answer it needs (a figure, a date, a name)
and the names, acronyms and years the question is about must be there."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answer.compose import ASKS_OCCASIONS, dates_in
from bot.answer.question import Question
from bot.core.dated_names import OCCASIONS  # "twice", "deux fois" (asked by compose.ASKS_OCCASIONS)
from bot.core.exonyms import cities_only
from bot.core.names import CALENDAR, acronyms_in, name_found, spelled_out_names, uncovered
from bot.core.numbers import amounts_given, read
from bot.core.text import CITATION_MARK, COMMON_SHARE, EN_WORDS, YEAR, FR_WORDS, STOP_WORDS, analyse, detect_language, fold, words

CAPITAL_WORD = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]{2,}")
# A name right after one of these is a place ("basé à Belgrade", "based in Belgrade").
PLACE_BEFORE = re.compile(r"\b(à|a|en|au|aux|in|at|from|de)\s*$", re.IGNORECASE)
# A figure that is a length of time ("depuis plus de 20 ans") does not count "how many experts".
DURATION = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:ans|annees|mois|semaines|jours|heures|years?|months?|weeks?|days?|hours?)\b"
)
ASKS_DURATION = re.compile(
    r"\bhow long\b|\bhow many (years|months|weeks|days|hours)\b|\bcombien (de |d')(temps|annees|ans|mois|semaines|jours|heures)\b"
)
TITLE_WORDS = frozenset("the this these those that it its they there what which when where who why how le la les".split())


# A capitalised word right after an article is a body or a common noun ("l'Histoire", "la
# République", "the Union"), not what a person or a thing is called.
ARTICLE_BEFORE = re.compile(r"\b(l|le|la|les|du|des|au|aux|the)\s*['’]?\s*$", re.IGNORECASE)


def capitalised(text: str, *, places: bool = True, context: str = "", bare: bool = False) -> set[str]:
    """Capitalised words and acronyms of `text` (folded), stop words and months out. A sentence's first word
    counts only if `context` also writes it capitalised inside a sentence ("France holds…" with
    "La France…"; not "Depuis…")."""
    inside = {fold(m.group(0)) for m in CAPITAL_WORD.finditer(context) if not _initial(context, m.start())}
    out = set()
    for m in CAPITAL_WORD.finditer(text):
        word = fold(m.group(0)).split("'")[-1]
        if len(word) < 3 or word in CALENDAR or any(word in w for w in (STOP_WORDS, TITLE_WORDS, FR_WORDS, EN_WORDS)):
            continue
        if _initial(text, m.start()) and word not in inside and not m.group(0).isupper():
            continue
        if not places and PLACE_BEFORE.search(text[: m.start()]):
            continue
        if bare and not m.group(0).isupper() and ARTICLE_BEFORE.search(text[: m.start()]):
            continue
        out.add(word)
    return out


# What may stand before a sentence's first word: a list item's mark ("(ii) Fight against…", "- Le…", "2. The…").
_ITEM_MARK = re.compile(r"(?:^|[\n:;])\s*(?:[-*•–—]|\(?[ivx]{1,4}\)|\d{1,2}[.)]|[a-h]\))\s*$", re.IGNORECASE)


def _initial(text: str, pos: int) -> bool:
    if _ITEM_MARK.search(text[:pos]):
        return True
    before = text[:pos].rstrip(" «\"“(-–—•*")
    return not before or before[-1] in ".!?:;\n"


# Kinds of actors, in common nouns: they answer "who" as names do ("Who does the AFD work with?").
ACTORS = frozenset(analyse(
    "institutions institution entreprises entreprise companies company businesses business organisations organisation "
    "organizations organization ong ngos ngo gouvernements gouvernement governments government ministeres ministere "
    "ministries ministry autorites autorite authorities authority collectivites municipalities universites universite "
    "universities university associations association partenaires partenaire partners partner acteurs acteur actors "
    "actor citoyens citizens societe society", ("fr", "en")))


# A question asking who ("Qui est à la tête…", "Who does it team up with…", "avec qui"), not one
# with a relative "qui" ("la structure qui s'occupe de…") or asking which country.
ASKS_WHO = re.compile(r"^\s*(?:(?:et|and|mais|but)\s+)?(?:qui|who|whom)\b|\b(?:avec|par|a|pour) qui\b"
                      r"|\b(?:with|by|to|for) whom\b")
# A question for a person ("Who's the person…", "I need a name"): kinds of actors do not answer it.
ASKS_PERSON = re.compile(r"\b(?:person|personne|individu|individual|name)\b|(?<!\bau )\bnom\b")  # not "au nom de"


def has_kind(text: str, question: Question, language: str, context: str = "") -> bool:
    """`text` holds what the question's kind asks for (`context`: the evidence it rests on)."""
    reading = read(text, language)
    if question.kind == "number" and ASKS_OCCASIONS.search(fold(question.text)):
        return reading.has_figure or bool(OCCASIONS.search(fold(text))) or len(dates_in(text, language)) >= 2
    if question.kind == "number":
        if not ASKS_DURATION.search(fold(question.text)):
            reading = read(DURATION.sub(" ", fold(text)), language)
        # Not the amount the question gives ("Sur les 1,5 milliard de l'AFD, quelle part est allée
        # aux transports ?" is not answered by "1,5 milliard d'euros ont été engagés"; "How many of
        # the 6 countries…?" may be answered "all 6").
        given = set() if question.yes_no else amounts_given(question.standalone, question.language)
        return bool(reading.figures - set(map(float, reading.years)) - reading.days - given) and (
            not question.money or bool(reading.currencies))
    if question.kind == "date":
        return reading.has_date
    asked_text = fold(question.text)
    asks_who = bool(ASKS_WHO.search(asked_text))
    if question.kind == "who" and asks_who and not ASKS_PERSON.search(asked_text) and (
            set(analyse(text, (language,))) & ACTORS) - set(analyse(question.standalone, (language,))):
        return True  # "with public institutions, private companies and civil society"
    if question.kind in ("who", "place", "name"):
        acronyms = acronyms_in(question.standalone)  # written out beside them, the question's own names too: "Agence
        # Française de Développement (AFD)" does not say which country "the AFD" funds most ("En Ukraine" is not "UE")
        asked = capitalised(question.standalone) | {fold(a) for a in acronyms} | spelled_out_names(text, {a for a in acronyms if f"({a})" in text})
        person = question.kind == "who" or (question.kind == "name" and asks_who)  # "Qui est à la tête du pôle ?": not a place
        new = capitalised(text, places=not person, context=context or text, bare=question.kind == "name") - asked
        city = cities_only(new, asked_text if question.kind == "place" else "", f"{text} {context}")  # not "le maire de la ville"
        return bool({w for w in city if not name_found(w, asked)})
    return True


# Words that agree with a question without saying anything of the text: "Yes, France commands
# the force" for "Is it true that France commands the force?" restates the question.
AGREEING = frozenset(analyse("yes indeed correct true right exactly oui effectivement exact vrai exactement tout", ("fr", "en")))
# A question's own words, denied ("No, France does not have a diplomat…"), say nothing more either.
_DENIALS = ("no", "not", "never", "none", "non", "pas", "jamais", "aucun", "aucune")
DENYING = frozenset(analyse(" ".join(_DENIALS), ("fr", "en")))
# Words that point at the source instead of saying what it says ("those mentioned in the extract").
POINTING = frozenset(analyse("extract excerpt passage text document context source mentioned", ("en",))
                     + analyse("extrait passage texte document contexte source mentionne mentionnes cite cites ci-dessus",
                               ("fr",)))
# "Does France do anything on…?" -> "Yes, France does something on…": the same question back.
INDEFINITE = frozenset(analyse("something anything someone anyone somebody anybody quelque chose quelqu'un", ("fr", "en")))


WHICH = re.compile(r"^\s*(which|what|quel|quelle|quels|quelles)\b")


def adds_nothing(text: str, question: Question, language: str, context: str = "") -> bool:
    """`text` only restates the question ("The war reinforced the need to…" for "Which war…"),
    perhaps agreeing with it or denying it ("Yes, …", "No, … not …"). `context`: the evidence it rests on (a sentence's first
    word is a name when the evidence writes it capitalised inside a sentence)."""
    langs = (language,)
    # The question's acronyms written out ("the European Union" for "EU") are its own words too.
    spelled = analyse(" ".join(spelled_out_names(text, acronyms_in(question.standalone))), langs)
    asked = set(analyse(f"{question.previous} {question.text}", langs))  # the alternative it sets aside too
    added = set(analyse(text, langs)) - asked - AGREEING - DENYING - POINTING - INDEFINITE - set(spelled)
    # "Which EU-led mediation…?" is not answered by "the mediation conducted by the European Union":
    # a question for which one needs more than a word of its own back; but one name is an answer
    # ("Podgorica." for "Which city hosts the centre?").
    named = set(analyse(" ".join(capitalised(text, context=context or text)), langs))
    return not added or (len(added) <= 1 and not added & named and bool(WHICH.search(fold(question.text))))


NO = re.compile(r"^\s*(?:no|non)\b[\s,.;:!-]*", re.IGNORECASE)
# What makes a "no" deny: a word of denial, or one that sets the question's claim against another; not
# "non" ("Non, non, …" says no again; "non-EU countries" is a word of its own).
NEGATION = re.compile(r"\b(?:" + "|".join(w for w in _DENIALS if w != "non") + r"|nor|neither|nothing|only|but|rather|instead|ne|rien|ni"
                      r"|plus|seulement|uniquement|mais|plutot)\b|n't\b|\bn'", re.IGNORECASE)


def denies_by_restating(sentence: str, question: Question, language: str) -> bool:
    """"No, France wants them let in together as one group." for "Does France want them let in
    together as one group?": a no followed by what the question asks, not denied, contradicts itself."""
    m = NO.match(sentence) if question.yes_no else None
    rest = CITATION_MARK.sub(" ", sentence[m.end():]) if m else ""
    return bool(rest.strip()) and not NEGATION.search(fold(rest)) and adds_nothing(rest, question, language)


def other_language(text: str, language: str, min_words: int = 5) -> str:
    """The language `text` is clearly written in when it is not `language` (else "")."""
    if len(re.findall(r"\w+", text)) < min_words:
        return ""
    found = detect_language(text, default=language)
    return found if found != language else ""


def reads_as(text: str, language: str) -> bool:
    """`text` shows it is written in `language` (a bare name or figure shows nothing)."""
    return detect_language(text, default="") == language


def anchors_covered(question: Question, context: str) -> list[str]:
    """The question's names, acronyms and years that `context` lacks (empty: all covered)."""
    return uncovered(question_anchors(question), context, question.standalone)


def anchors_covered_by(anchor: str, text: str) -> bool:
    """`text` writes `anchor` (a name of the question)."""
    return not uncovered([anchor], text)


# Words of a question that say what kind of answer it wants, not what it is about.
ASKING = frozenset(
    analyse("combien quand quel quelle quels quelles qui quoi comment pourquoi date année ans nombre montant "
            "how many much when what which who whom why year years number amount name nom "
            # Words about the asking itself: "selon le texte", "je prépare une note", "si oui",
            # "according to the document".
            "selon texte document note prépare dit si oui according text document say says said "
            # Asking that says nothing of what is asked: "à quoi sert exactement", "actually meant to",
            # "une bonne recette" (not "la bonne gouvernance": "gouvernance" says what it is about).
            "sert servir exactement précisément vraiment d'après voudrais savoir dis-moi plaît quick bon bonne "
            "wondering tell please actually exactly precisely really meant supposed purpose moment temps good "
            "specific spécifique", ("fr", "en"))
)


# Words that say nothing of what a question is about, which the index's short stop list keeps (matched before
# accents are folded: the preposition "entre" is not "l'entrée dans l'UE", nor "entré"; "tous", "will" no subject).
FUNCTION_WORDS = re.compile(
    r"\b(?:entre|tous|toutes|tout|toute|même|mêmes|fois|ça|cela|ceci|déjà|encore|très|autre|autres|chez|sans|sous|vers|dont"
    r"|mais|donc|comme|lors|alors|ici|doit|doivent|dois|peut|peuvent|faut|chaque|will|would|should|could|can|shall|may|might"
    r"|must|get|gets|got|one|each|own|any|some|all|both|other|others|only|just|still|already|ever|never|very|too|whose"
    r"|between|without)\b")


def _terms(text: str, language: str) -> set[str]:
    return set(analyse(FUNCTION_WORDS.sub(" ", text.lower()), (language,)))  # the stems that may say what it is about


def _cq(stem: str) -> str:  # Snowball's stems of one word differ by c/qu ("public", "publiqu"): compared as one
    return stem[:-2] + "c" if stem.endswith("qu") and len(stem) > 4 else stem


def shares_terms(question: Question, text: str, language: str, shares: Callable[[list[str]], dict] | None = None,
                 common: float = COMMON_SHARE) -> bool:
    """`text` holds at least one word the question is about besides its names (those are checked
    apart): "la mission de l'envoyé spécial" is not answered by a figure about trade in the same
    region. With `shares` (the share of the corpus's passages that hold a stem), a word most
    passages hold ("Balkans occidentaux" in a text about them) does not count when the question
    has a more specific one. Same language only: stems are compared."""
    asked, shared = _asked_and_shared(question, text, language, shares, common)
    return not asked or bool(shared)


def shared_terms(question: Question, text: str, language: str, shares: Callable[[list[str]], dict] | None = None,
                 common: float = COMMON_SHARE) -> set[str]:
    """The stems of the words the question is about (as shares_terms reads them) that `text` holds."""
    return _asked_and_shared(question, text, language, shares, common)[1]


def _asked_and_shared(question, text, language, shares, common) -> tuple[set[str], set[str]]:
    names = set(analyse(" ".join(question_anchors(question)), (language,)))
    asked = _terms(question.standalone, language) - ASKING - names
    if not asked:
        return asked, set()
    if shares is not None:
        share = shares(sorted(asked))
        specific = {t for t in asked if share.get(t, 0.0) < common}
        asked = specific or asked
    found = {_cq(f) for f in _terms(text, language)}
    # Stems of one family may differ ("commerc" for commerce, "commercial" for commerciaux; "li" for
    # "lie", "lie" for "liée": a short stem and one a letter longer that starts with it).
    return asked, {t for t in asked if (c := _cq(t)) in found or any(
        c[:6] == f[:6] if len(t) >= 6 else _same_family(c, f) for f in found)}


def _same_family(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and long.startswith(short) and len(long) - len(short) <= 1


# A question for the year only is answered by a year; "when" and "quand" by the date the text gives.
ASKS_YEAR = re.compile(r"\b(annee|year|ans?)\b")


def vaguer_date(text: str, question: Question, evidence: str, language: str) -> bool:
    """`text` answers "when" with a bare year where the cited evidence dates it more precisely
    ("created in 2024" for "Inauguré le 9 décembre 2024"): the year may be another event's; or
    with the month where the evidence gives the day ("December 2024")."""
    if question.kind != "date" or ASKS_YEAR.search(fold(question.text)):
        return False
    given = [value for _, value in dates_in(text, language)]
    if not given:
        return False
    dated = [value for _, value in dates_in(evidence, language)]
    if all(value.isdigit() for value in given):  # "2024" where the evidence gives the month
        precise = {value[-4:] for value in dated if not value.isdigit()}
        return any(value in precise for value in given)
    # "December 2024" where the evidence gives the day ("9 décembre 2024"), and no day given
    # (unless the month is what is asked).
    if any(value[0].isdigit() for value in given) or re.search(r"\b(month|mois)\b", fold(question.text)):
        return False
    months_of_days = {value.split(" ", 1)[1] for value in dated if value[0].isdigit() and " " in value}
    return any(value in months_of_days for value in given)


def specific_words(question: Question, language: str, shares: Callable[[list[str]], dict] | None = None,
                   common: float = COMMON_SHARE) -> list[str]:
    """The question's own words for what it asks about, as written (not its names, asking words or most passages' words)."""
    names = set(analyse(" ".join(question_anchors(question)), (language,)))
    out = []
    for word in words(FUNCTION_WORDS.sub(" ", question.asked.lower())):  # not the alternative it sets against
        stems = analyse(word, (language,))
        if not stems or stems[0] in ASKING or stems[0] in names or word.isdigit() or (
                shares is not None and shares([stems[0]]).get(stems[0], 0.0) >= common):
            continue
        out.append(word)
    return out


def question_anchors(question: Question) -> list[str]:
    return question.anchors + YEAR.findall(question.text)

