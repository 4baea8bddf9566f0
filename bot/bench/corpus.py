"""A synthetic corpus of French policy prose for the scale benchmark: deterministic, diverse, realistic.

Each document reads like the strategy: a title, an update date, numbered parts, roman-numeral
pillars, paragraphs and bullets about cooperation with the Western Balkans. Sentences are drawn
from templates over a few hundred words, figures, dates and invented programme names (rare
terms, as real reports have), so dense and lexical rankings have realistic work to do.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

COUNTRIES = ["l’Albanie", "la Bosnie-Herzégovine", "le Kosovo", "la Macédoine du Nord", "le Monténégro", "la Serbie"]
CITIES = ["Tirana", "Sarajevo", "Pristina", "Skopje", "Podgorica", "Belgrade", "Mostar", "Novi Sad", "Shkodër", "Ohrid"]
ACTORS = [
    "La France", "L’Agence française de développement", "L’Union européenne", "Le ministère de l’Europe et des Affaires étrangères",
    "L’ambassade de France", "Expertise France", "L’Institut français", "Business France", "La Banque européenne d’investissement",
    "Le Conseil de l’Europe", "L’OSCE", "Le pôle interministériel de sécurité", "Campus France", "L’Agence universitaire de la Francophonie",
]
VERBS = [
    "soutient", "renforce", "accompagne", "finance", "coordonne", "développe", "appuie", "encourage", "met en œuvre",
    "consolide", "déploie", "promeut", "cofinance", "évalue", "pilote",
]
DOMAINS = [
    "la sécurité intérieure", "la lutte contre la corruption", "la réforme de la justice", "la transition énergétique",
    "les infrastructures de transport", "la gestion de l’eau", "la santé publique", "l’enseignement supérieur",
    "la formation professionnelle", "la cybersécurité", "la protection du patrimoine", "l’agriculture durable",
    "la gouvernance locale", "l’égalité femmes-hommes", "la liberté de la presse", "la lutte contre la désinformation",
    "la coopération policière", "la gestion des frontières", "l’adaptation au changement climatique", "le numérique",
    "la mobilité des jeunes", "l’enseignement du français", "la recherche scientifique", "la réforme administrative",
    "la protection civile", "les droits de l’Homme", "la réconciliation régionale", "l’économie sociale et solidaire",
]
OBJECTS = [
    "des projets de coopération", "un programme de formation", "des actions de sensibilisation", "une mission d’expertise",
    "des échanges entre administrations", "un fonds de soutien", "des partenariats universitaires", "une plateforme régionale",
    "des jumelages institutionnels", "un réseau d’experts", "des bourses d’études", "un centre de ressources",
]
GOALS = [
    "afin de rapprocher la région des standards européens", "dans la perspective de l’adhésion à l’Union européenne",
    "pour renforcer la résilience des institutions", "au bénéfice des collectivités locales",
    "en lien avec les organisations de la société civile", "avec le soutien des partenaires européens",
    "pour favoriser la stabilité de la région", "en faveur d’une croissance durable et inclusive",
]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
PILLARS = [
    "Développer les relations politiques", "Contribuer à la paix, la sécurité et la stabilité de la région",
    "Renforcer l’État de droit", "Développer notre coopération et nos relations économiques",
    "Renforcer les liens humains et culturels entre les sociétés", "Accompagner la transition écologique",
    "Soutenir la jeunesse et la société civile",
]
SYLLABLES = ["ka", "lo", "mi", "ra", "vek", "dor", "sa", "ni", "tor", "bel", "gra", "dan", "vo", "zel", "mar", "pri", "sko", "lin"]


def _matiere(domain: str) -> str:
    """'la cybersécurité' -> 'en matière de cybersécurité'; 'l’eau' -> 'en matière d’eau'."""
    bare = re.sub(r"^(?:la |les |le |l’)", "", domain)
    return f"en matière d’{bare}" if bare[0] in "aeiouyéèêh" else f"en matière de {bare}"


@dataclass
class SyntheticDoc:
    name: str
    text: str
    programme: str
    domain: str
    country: str


class CorpusGenerator:
    """`paragraphs` paragraphs per document (each about one chunk); the same seed gives the same corpus."""

    def __init__(self, seed: int = 7, paragraphs: int = 40) -> None:
        self.seed = seed
        self.paragraphs = paragraphs

    def _programme(self, rng: random.Random) -> str:
        name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        return f"{rng.choice(['programme', 'projet', 'initiative'])} {name.capitalize()}"

    def _sentence(self, rng: random.Random, country: str, domain: str, programme: str) -> str:
        year = rng.randint(2015, 2025)
        forms = [
            lambda: f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {_matiere(rng.choice(DOMAINS))} "
            f"avec {country} {rng.choice(GOALS)}.",
            lambda: f"Depuis {year}, {rng.randint(2, 40)} millions d’euros ont été engagés pour {domain} à {rng.choice(CITIES)}.",
            lambda: f"Le {programme}, lancé en {rng.choice(MONTHS)} {year}, {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
            f"{rng.choice(GOALS)}.",
            lambda: f"En {rng.choice(MONTHS)} {year}, une rencontre à {rng.choice(CITIES)} a réuni {rng.randint(20, 400)} "
            f"participants autour de {rng.choice(DOMAINS)}.",
            lambda: f"{rng.choice(ACTORS)} {rng.choice(VERBS)} également {domain} {rng.choice(GOALS)}, "
            f"notamment par {rng.choice(OBJECTS)}.",
            lambda: f"Les échanges commerciaux avec {country} ont atteint {rng.randint(1, 9)},{rng.randint(0, 9)} "
            f"milliards d’euros en {year} ; +{rng.randint(2, 80)}% par rapport à {year - 4}.",
        ]
        return rng.choice(forms)()

    def document(self, index: int, revision: int = 0) -> SyntheticDoc:
        rng = random.Random(f"{self.seed}-{index}-{revision}")
        ident = random.Random(f"{self.seed}-{index}")  # what stays across revisions
        country, domain, programme = ident.choice(COUNTRIES), ident.choice(DOMAINS), self._programme(ident)
        lines = [
            f"Rapport {index} : {domain} et coopération avec {country}",
            f"Mise à jour : {rng.choice(MONTHS)} {rng.randint(2019, 2025)}",
            "1. Présentation",
        ]
        pillars = ident.sample(PILLARS, 3)
        for p in range(self.paragraphs):
            if p == 3:
                lines.append("2. Priorités")
            if p >= 3 and (p - 3) % 12 == 0 and (p - 3) // 12 < len(pillars):
                lines.append(f"{['I', 'II', 'III'][(p - 3) // 12]}. {pillars[(p - 3) // 12]}")
            sentences = [self._sentence(rng, country, domain, programme) for _ in range(rng.randint(2, 4))]
            text = " ".join(sentences)
            lines.append(f"- {text}" if p % 5 == 4 else text)
            lines.append("")
        return SyntheticDoc(f"rapport-{index:06d}.fr.txt", "\n".join(lines), programme, domain, country)

    def write(self, folder: Path, documents: int) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for i in range(documents):
            doc = self.document(i)
            path = folder / doc.name
            path.write_text(doc.text, encoding="utf-8")
            paths.append(path)
        return paths

    def questions(self, n: int, documents: int, seed: int = 11) -> list[str]:
        """Questions a user might ask of this corpus: a programme, a domain and a country, a figure."""
        rng = random.Random(seed)
        out = []
        for _ in range(n):
            doc = self.document(rng.randrange(documents))
            out.append(rng.choice([
                f"Que fait le {doc.programme} {_matiere(doc.domain)} ?",
                f"Combien d’euros ont été engagés pour {doc.domain} avec {doc.country} ?",
                f"Quelles actions de coopération pour {doc.domain} en {doc.country.split(' ', 1)[-1]} ?",
                f"What does France support for {doc.domain} in the Western Balkans?",
            ]))
        return out
