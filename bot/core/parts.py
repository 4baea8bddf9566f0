"""The nouns a policy text calls its parts, in French and English, in one place: what an outline
question asks for ("What are the pillars?"), which unit a passage sits in ("sous quel pilier ?"),
and what "how many axes?" counts. Patterns are over folded text (no accents, lower case)."""

from __future__ import annotations

# The parts a text announces and lists as sub-headings ("repose sur 5 piliers"), by kind: "pillars"
# asked of a text that says "piliers" (or "axes" of one that counts them). Not "parts", "sections"
# or "chapters", which texts use of other things (the chapters of EU accession talks).
OUTLINE_KINDS = {
    "pillar": r"piliers?|pillars?", "axis": r"axes?|axis", "priority": r"priorites?|priorit(?:y|ies)",
    "strand": r"volets?|strands?", "heading": r"rubriques?|headings?",
    # "the main building blocks of the policy", "ses grandes composantes"
    "block": r"building blocks?|components?|composantes?",
    # "les cinq chantiers prioritaires", "the main workstreams"
    "workstream": r"chantiers?|workstreams?",
}
OUTLINE_NOUN = "|".join(OUTLINE_KINDS.values())

# The units a passage sits in: "sous quel pilier", "which section of the text".
SECTION_NOUN = r"(?:pilier|pillar|partie|part|section|chapitre|chapter|rubrique|heading|volet|titre)s?\b"

# Every other name a text's parts go by when they are counted: "combien d'axes ?" is answered by
# "5 piliers" (words, not patterns: compared by stem).
COUNTED_WORDS = {
    "fr": "pilier piliers axe axes priorité priorités volet volets rubrique rubriques thème thèmes domaine domaines "
          "objectif objectifs orientation orientations composante composantes chantier chantiers",
    "en": "pillar pillars axis axes priority priorities strand strands heading headings theme themes area areas "
          "field fields objective objectives goal goals component components block blocks workstream workstreams",
}
