"""Text utilities shared by every layer: language, accents, sentences, stop words and stems."""

from __future__ import annotations

import re
import threading
import unicodedata

FR_WORDS = frozenset(
    """le la les un une des du de d l au aux et ou est sont a ont été être pour par sur dans avec
    quel quelle quels quelles qui que qu quoi où quand comment combien pourquoi est-ce ce cette ces
    son sa ses leur leurs il elle ils elles nous vous je on ne pas plus en y se s n c j m t
    depuis vers entre sous chez lors dont aussi mais donc car ni fait faire quelle-est est-il
    français française france pays région balkans occidentaux stratégie""".split()
)
EN_WORDS = frozenset(
    """the a an of and or is are was were be been for by on in with what which who whom whose when
    where why how many much does do did has have had this that these those its it their they
    we you he she not no to from at as into about since than also but so can could would should
    there here strategy french france country countries region western balkans""".split()
)
_TOKEN = re.compile(r"[a-zA-Z0-9À-ÿœŒæÆ'’-]+")
_EN_CONTRACTIONS = {"s", "t", "re", "ll", "ve", "m", "d"}
_ELISION = re.compile(r"\b[ldjqnsc]['’][aeiouyhéèêàâîôû]")
_FR_CHARS = set("éèêëàâîïôûùüçœÉÈÊÀÂÎÔÛÇŒ")

# A sentence ends at . ! ? … ; before a capital, a digit or an opening quote.
SENTENCE_END = re.compile(r"(?<=[.!?…;])\s+(?=[«\"“(]?[A-ZÀ-ÖØ-Þ0-9])")

STOP_WORDS = frozenset(
    """le la les un une des du de d l au aux et ou est sont a ont ete etre pour par sur dans avec
    quel quelle quels quelles qui que qu quoi ou quand comment combien pourquoi ce cette ces cet son sa ses
    leur leurs il elle ils elles nous vous je on ne pas plus en y se s n c j m t ainsi aussi notamment
    the a an of and or is are was were be been for by on in with what which who when where why how many
    much does do did has have had this that these those its it their they we you he she not to from at
    as into about than also its there here""".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)?")


# Where an answer sentence joins a second statement: "… (KFOR) et assure le commandement…".
CLAUSE = re.compile(
    r"\s*;\s*|,?\s+(?:et|and)\s+(?=(?!(?:la|le|les|l|un|une|des|du|de|d|the|a|an|of|in|en|au|aux|its|their|his|her)\b)[a-zà-ÿ])"
    r"|,\s+(?:while|whereas|tandis que|alors que)\s+"
)


def detect_language(text: str, default: str = "fr") -> str:
    """Return 'fr' or 'en' for `text`; `default` when the text gives no signal either way."""
    words, contracted = [], 0
    for token in _TOKEN.findall(text):
        token = token.lower().replace("’", "'").strip("'-")
        if any(ch.isdigit() for ch in token):
            continue  # "C3BO" is a name, not "c'"
        head, _, tail = token.rpartition("'")
        if head and tail in _EN_CONTRACTIONS:  # "where's", "don't": English, not "s'" or "t'"
            contracted, token = contracted + 1, head
        words += [w for w in token.split("'") if w]
    fr = sum(1 for w in words if w in FR_WORDS)
    en = sum(1 for w in words if w in EN_WORDS) + contracted
    accents = sum(1 for ch in text if ch in _FR_CHARS)
    fr_score = fr + min(accents, 3) * 0.7
    if _ELISION.search(text.lower()):
        fr_score += 1
    if fr_score > en:
        return "fr"
    if en > fr_score:
        return "en"
    return default


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, plain spaces: for comparing words."""
    text = strip_accents(text.lower()).replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text)


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) spans of sentences in `text`, shifted by `offset`."""
    spans = []
    pos = 0
    for m in SENTENCE_END.finditer(text):
        spans.append((offset + pos, offset + m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((offset + pos, offset + len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]


_per_thread = threading.local()


def _stemmer(language: str):
    """This thread's stemmer for `language`: a snowball stemmer keeps its word in progress on
    itself, so one shared by two threads (two questions at once) mixes their words up."""
    stemmers = _per_thread.__dict__.setdefault("stemmers", {})
    if language not in stemmers:
        import snowballstemmer

        stemmers[language] = snowballstemmer.stemmer({"fr": "french", "en": "english"}[language])
    return stemmers[language]


def words(text: str) -> list[str]:
    """Accent-free lower-case words and figures, stop words removed."""
    plain = fold(text)
    return [w for w in _WORD.findall(plain) if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


# A stem that this share of a corpus's passages or more hold is common there ("Balkans" in a text
# about them): it says little of what a question asks about.
COMMON_SHARE = 0.25

CITATION_MARK = re.compile(r"\[\d{1,2}\]")  # an answer's "[1]": a reference to its evidence, not a word or figure
# A year as texts and questions write one ("2019", "2024").
YEAR_DIGITS = r"(?:19|20)\d{2}"  # a year's digits, for patterns that compose it
YEAR = re.compile(rf"\b{YEAR_DIGITS}\b")


def prefixes(text: str) -> set[str]:
    """The first five letters of a text's longer words: shared across French and English cognates
    ("organized"/"organisée", "corruption"/"corruption")."""
    return {w[:5] for w in words(text) if len(w) >= 5 and not w.isdigit()}


def analyse(text: str, languages: tuple[str, ...] = ("fr",)) -> list[str]:
    """Lower-case, accent-free, stop-word-free stems; several languages give the union of their stems."""
    found = words(text)
    if len(languages) == 1:
        return _stemmer(languages[0]).stemWords(found)
    out: list[str] = []
    for lang in languages:
        out.extend(_stemmer(lang).stemWords(found))
    return out


def compose_embed_text(title: str, section: str, lead: str, text: str) -> str:
    """What gets embedded and indexed: the section path and lead-in give a short bullet its context."""
    head = " > ".join(part for part in (title, section) if part)
    lead_line = f"{lead}\n" if lead and not text.startswith(lead) else ""
    return f"{head}\n{lead_line}{text}"


# French words and the English look-alikes that do not translate them ("formation" is training,
# not "form"): an English sentence that uses the look-alike where the source has the French word
# has mistranslated it. General false friends, nothing of one document.
FALSE_FRIENDS: tuple[tuple[str, str, str], ...] = (
    # (French word, in folded source text), (English look-alike), (what it means)
    (r"\bformations?\b", r"\bto form\b|\bform(s|ed|ing)\b(?! of)", "training"),
    (r"\bactuel(le)?s?\b|\bactuellement\b", r"\bactual(ly)?\b", "current"),
    (r"\beventuel(le)?s?\b|\beventuellement\b", r"\beventual(ly)?\b", "possible"),
    (r"\bsensibles?\b", r"\bsensible\b", "sensitive"),
    (r"\blibrairies?\b", r"\blibrar(y|ies)\b", "bookshop"),
)
# Look-alikes with one right word whatever the sentence, mended rather than the sentence dropped
# ("the fight against misinformation" where the source says "désinformation"; AnswerChecker.check
# mends every sentence before it is checked, so these need no entry above):
# (French word, in folded source text), (the look-alike), (the right word).
MENDED: tuple[tuple[str, str, str], ...] = (
    (r"\bdesinformation\b", "misinformation", "disinformation"),
    # Calques English does not say: "la criminalité organisée" is organized crime.
    (r"\bcriminalite organisee\b", "organi[sz]ed criminality|criminality organi[sz]ed", "organized crime"),
)


def mend_false_friends(english: str, french_source: str) -> str:
    """`english` with the look-alikes of MENDED put right where `french_source` has the French word."""
    fr = fold(french_source)
    for fr_word, wrong, right in MENDED:
        if re.search(fr_word, fr):
            english = re.sub(rf"\b(?:{wrong})\b", lambda m, r=right: r.capitalize() if m.group(0)[0].isupper() else r,
                             english, flags=re.IGNORECASE)
    return english


def false_friends(english: str, french_source: str) -> list[str]:
    """The English look-alikes `english` uses for words of `french_source` that mean something else."""
    en, fr = fold(english), fold(french_source)
    return [f"{m.group(0)} (the source's word means {meaning})" for fr_word, look_alike, meaning in FALSE_FRIENDS
            if re.search(fr_word, fr) and (m := re.search(look_alike, en))]


def cognates(asked: list[str], text: str, length: int = 5) -> set[str]:
    """The words of `asked` that `text`, in the other language, writes alike: the same first
    `length` letters ("strategy" and "Stratégie", "horizons" and "Horizons"; not "companies"
    and "5 piliers"). The one sign a passage in the other language is about a word asked."""
    found = {w[:length] for w in words(text) if len(w) >= length}
    return {a for a in asked if len(a) >= length and fold(a)[:length] in found}


# A name right after one of these is a place ("visited North Macedonia": "to", "en Macédoine du
# Nord": "en"), the one a question is about.
PLACE_ASKED = re.compile(r"\b(à|en|au|aux|in|at|to|into|from|dans|visited|visit)\s+(?:the\s+|la\s+|le\s+|l['’])?$",
                         re.IGNORECASE)


def is_place(name: str, text: str, before: re.Pattern = PLACE_ASKED, flags: int = 0) -> bool:
    """`text` writes `name` where a place goes, right after `before` ("visited North Macedonia", "basé à Podgorica")."""
    return any(before.search(text[: m.start()]) for m in re.finditer(rf"\b{re.escape(name)}\b", text, flags))
