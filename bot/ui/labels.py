"""Every word the chat shows, in French and in English, and the dates and figures in human terms.

The page is in one language at a time (the browser's, or the one the reader picks); answers,
questions and passages keep their own language and are marked with their own `lang`."""

from __future__ import annotations

import re
from datetime import datetime, timezone

LANGS = ("fr", "en")

TEXT = {
    "fr": {
        "title": "Stratégie française pour les Balkans occidentaux",
        "page_title": "Balkans QA — Stratégie française pour les Balkans occidentaux",
        "subtitle": "Posez une question en français ou en anglais : chaque réponse cite le passage exact du texte.",
        "switch": "English",
        "question": "Votre question",
        "placeholder": "Ex. : Quand le C3BO a-t-il été inauguré ?",
        "send": "Envoyer",
        "stop": "Arrêter",
        "stopping": "Arrêt…",
        "new": "Nouvelle conversation",
        "conversations": "Conversations",
        "toggle_sidebar": "Afficher ou masquer les conversations",
        "no_conversations": "Aucune conversation enregistrée.",
        "delete": "Supprimer",
        "delete_named": "Supprimer la conversation « {title} »",
        "confirm_delete": "Supprimer cette conversation ?",
        "cancel": "Annuler",
        "empty_intro": "Interrogez la Stratégie française pour les Balkans occidentaux (France Diplomatie, mise à jour mai 2025). "
        "Chaque phrase de la réponse est vérifiée et renvoie au passage qui la justifie.",
        "examples": "Exemples : cliquez pour poser la question",
        "you": "Vous",
        "assistant": "Réponse",
        "rewriting": "Reformulation de la question…",
        "retrieving": "Recherche des passages…",
        "waiting": "En attente du modèle ({ahead} question(s) avant la vôtre)…",
        "waiting_none": "En attente du modèle…",
        "reading": "Lecture des passages par le modèle…",
        "writing": "Rédaction d'un brouillon…",
        "checking": "Vérification de la réponse…",
        "draft": "Brouillon non vérifié : il sera remplacé par la réponse vérifiée",
        "evidence": "Passages trouvés",
        "sources": "Sources",
        "closest": "Passages les plus proches",
        "stopped": "Réponse arrêtée.",
        "stopped_partial": "Réponse arrêtée : seules les phrases déjà vérifiées sont affichées.",
        "interrupted": "Réponse interrompue (le serveur a redémarré).",
        "error_generic": "Une erreur est survenue ; réessayez.",
        "refused": "Demande hors sujet",
        "quoted": "Citations du texte",
        "translated": "Traduit du texte",
        "done": "Réponse en {total} s",
        "copy": "Copier",
        "copied": "Copié",
        "retry": "Réessayer",
        "edit": "Modifier",
        "resend": "Renvoyer",
        "helpful": "Réponse utile",
        "unhelpful": "Réponse pas utile",
        "comment": "Commentaire (facultatif)",
        "comment_send": "Envoyer le commentaire",
        "thanks": "Merci pour votre avis.",
        "view_doc": "Voir dans le document",
        "back": "Retour à la réponse",
        "close": "Fermer",
        "updated": "Mise à jour : {date}",
        "opening": "Hors des sections du texte",
        "cited": "cité",
        "doc_title": "Titre",
        "doc_file": "Fichier",
        "doc_updated": "Mise à jour du texte",
        "doc_chunks": "Passages",
        "doc_ingested": "Dernière ingestion",
        "doc_actions": "Actions",
        "doc_remove": "Retirer",
        "doc_remove_named": "Retirer « {title} »",
        "doc_confirm": "Retirer ce document de la recherche et du dossier du corpus ?",
        "doc_none": "Aucun document ingéré.",
        "upload": "Ajouter ou mettre à jour un document (.txt .md .html .pdf) : il est vérifié puis ingéré aussitôt",
        "ingesting": "Ingestion de {name}…",
        "choose": "Choisissez un fichier.",
        "too_large": "fichier trop volumineux (limite {limit} Mo)",
        "status_added": "ajouté",
        "status_updated": "mis à jour",
        "status_unchanged": "inchangé",
        "status_removed": "retiré",
        "status_failed": "refusé",
        "report_chunks": "{chunks} passages, dont {embedded} nouveaux ou modifiés",
        "sections_added": "Sections ajoutées",
        "sections_changed": "Sections modifiées",
        "sections_removed": "Sections retirées",
        "no_section_change": "Aucune section ajoutée, modifiée ni retirée.",
        "remove_unavailable": "Le retrait de documents n'est pas encore disponible.",
        "removed_doc": "« {title} » est retiré de la recherche et du dossier du corpus.",
        "seconds": "en {seconds} s",
        "documents": "Documents",
        "questions": "Questions",
        "gap": "[…]",
    },
    "en": {
        "title": "France's strategy for the Western Balkans",
        "page_title": "Balkans QA — France's strategy for the Western Balkans",
        "subtitle": "Ask in French or English: every answer cites the exact passage of the text.",
        "switch": "Français",
        "question": "Your question",
        "placeholder": "E.g. When was the C3BO inaugurated?",
        "send": "Ask",
        "stop": "Stop",
        "stopping": "Stopping…",
        "new": "New conversation",
        "conversations": "Conversations",
        "toggle_sidebar": "Show or hide the conversations",
        "no_conversations": "No saved conversation.",
        "delete": "Delete",
        "delete_named": "Delete the conversation “{title}”",
        "confirm_delete": "Delete this conversation?",
        "cancel": "Cancel",
        "empty_intro": "Ask about France's strategy for the Western Balkans (France Diplomatie, updated May 2025; the text is "
        "in French). Every sentence of the answer is checked and points to the passage that supports it.",
        "examples": "Examples: click to ask",
        "you": "You",
        "assistant": "Answer",
        "rewriting": "Rewriting the question…",
        "retrieving": "Finding the passages…",
        "waiting": "Waiting for the model ({ahead} question(s) ahead of yours)…",
        "waiting_none": "Waiting for the model…",
        "reading": "The model is reading the passages…",
        "writing": "Writing a draft…",
        "checking": "Checking the answer…",
        "draft": "Unchecked draft: it will be replaced by the checked answer",
        "evidence": "Passages found",
        "sources": "Sources",
        "closest": "Closest passages",
        "stopped": "Answer stopped.",
        "stopped_partial": "Answer stopped: only the sentences already checked are shown.",
        "interrupted": "Answer interrupted (the server restarted).",
        "error_generic": "Something went wrong; try again.",
        "refused": "Off-topic request",
        "quoted": "Quoted from the text",
        "translated": "Translated from the text",
        "done": "Answered in {total} s",
        "copy": "Copy",
        "copied": "Copied",
        "retry": "Retry",
        "edit": "Edit",
        "resend": "Resend",
        "helpful": "Helpful answer",
        "unhelpful": "Unhelpful answer",
        "comment": "Comment (optional)",
        "comment_send": "Send the comment",
        "thanks": "Thank you for your feedback.",
        "view_doc": "View in the document",
        "back": "Back to the answer",
        "close": "Close",
        "updated": "Updated: {date}",
        "opening": "Outside the text's sections",
        "cited": "cited",
        "doc_title": "Title",
        "doc_file": "File",
        "doc_updated": "Text updated",
        "doc_chunks": "Passages",
        "doc_ingested": "Last ingested",
        "doc_actions": "Actions",
        "doc_remove": "Remove",
        "doc_remove_named": "Remove “{title}”",
        "doc_confirm": "Remove this document from search and from the corpus folder?",
        "doc_none": "No document ingested.",
        "upload": "Add or update a document (.txt .md .html .pdf): it is checked, then ingested at once",
        "ingesting": "Ingesting {name}…",
        "choose": "Choose a file.",
        "too_large": "file too large (limit {limit} MB)",
        "status_added": "added",
        "status_updated": "updated",
        "status_unchanged": "unchanged",
        "status_removed": "removed",
        "status_failed": "refused",
        "report_chunks": "{chunks} passages, {embedded} of them new or changed",
        "sections_added": "Sections added",
        "sections_changed": "Sections changed",
        "sections_removed": "Sections removed",
        "no_section_change": "No section added, changed or removed.",
        "remove_unavailable": "Removing documents is not available yet.",
        "removed_doc": "“{title}” is removed from search and from the corpus folder.",
        "seconds": "in {seconds} s",
        "documents": "Documents",
        "questions": "Questions",
        "gap": "[…]",
    },
}

EXAMPLES = {
    "fr": [
        "Quand le Centre cyber C3BO a-t-il été inauguré ?",
        "Combien l'AFD a-t-elle engagé dans la région depuis 2019 ?",
    ],
    "en": [
        "Who holds the strategic command of EUFOR Althea?",
        "What is the Horizons Partagés project?",
    ],
}

MONTHS = {
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "en": "January February March April May June July August September October November December".split(),
}
_FR_MONTH = {m: i for i, m in enumerate(MONTHS["fr"])} | {"fevrier": 1, "aout": 7, "decembre": 11}


def t(lang: str, key: str, **kw) -> str:
    """The text `key` in the page language `lang` (French when unknown)."""
    return TEXT.get(lang, TEXT["fr"])[key].format(**kw)


def page_language(accept_language: str | None, saved: str | None = None) -> str:
    """The page language: the one the reader picked, else the browser's first of fr/en, else French."""
    if saved in LANGS:
        return saved
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGS:
            return code
    return "fr"


def number(value: float, lang: str, digits: int = 1) -> str:
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "fr" else text


def updated_date(updated: str | None, lang: str) -> str:
    """A document's own update date ("mai 2025") in the page language ("May 2025")."""
    if not updated:
        return ""
    m = re.fullmatch(r"\s*([^\W\d_]+)\s+(\d{4})\s*", updated)
    if m and m.group(1).lower() in _FR_MONTH:
        return f"{MONTHS[lang][_FR_MONTH[m.group(1).lower()]]} {m.group(2)}"
    return updated


def human_datetime(iso: str | None, lang: str) -> str:
    """An ISO time as "27 novembre 2026, 14:03 UTC" / "27 November 2026, 14:03 UTC" (the browser
    rewrites it in its own time zone)."""
    if not iso:
        return ""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return f"{when.day} {MONTHS[lang][when.month - 1]} {when.year}, {when:%H:%M} UTC"


def section_path(section: str, lang: str) -> str:
    """ "2. Priorités > II. Contribuer à la paix" as "Priorités › II. Contribuer à la paix"."""
    parts = [re.sub(r"^\d+\.\s+", "", p.strip()) for p in (section or "").split(">") if p.strip()]
    return " › ".join(parts) if parts else t(lang, "opening")
