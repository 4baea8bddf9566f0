"""Run in a fresh process: print what a reader of the store sees, as JSON."""

import json
import sys
from pathlib import Path

from bot.settings import load_settings
from vectorstore.chroma_store import open_store
from vectorstore.embeddings import E5Embeddings

settings = load_settings()
settings.store.path = Path(sys.argv[1])
store = open_store(settings.store, E5Embeddings())
manifest = store.manifest()
hits = store.query(store.embeddings.embed_query(sys.argv[2]), 50, manifest)
print(json.dumps({
    "active": {doc: [c.text for c in store.active_chunks({doc: e})] for doc, e in manifest.items()},
    "hit_ids": [h.id for h in hits],
    "all_ids": len(store.all_ids()),
}))
