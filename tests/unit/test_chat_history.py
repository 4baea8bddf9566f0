"""The conversation store: a real SQLite file in a temporary folder."""

import pytest

from bot.ui.history import ConversationStore

pytestmark = pytest.mark.unit


def test_conversations_and_messages_come_back_from_a_new_store(tmp_path):
    path = tmp_path / "sub" / "conversations.sqlite3"
    store = ConversationStore(path)
    cid = store.create("", "  Quand le C3BO a-t-il été inauguré ?  ")
    store.append(cid, "user", "Quand le C3BO a-t-il été inauguré ?")
    aid = store.append(cid, "assistant", "Le 9 décembre 2024 [1].", {"state": "done", "citations": [{"n": 1}]})
    again = ConversationStore(path).get(cid, "")
    assert again.title == "Quand le C3BO a-t-il été inauguré ?"
    assert [(m.role, m.position) for m in again.messages] == [("user", 0), ("assistant", 1)]
    assert again.messages[1].id == aid and again.messages[1].data["citations"] == [{"n": 1}]


def test_each_owner_sees_and_deletes_only_their_conversations(tmp_path):
    store = ConversationStore(tmp_path / "c.sqlite3")
    mine = store.create("alice", "a")
    theirs = store.create("bob", "b")
    assert [c.id for c in store.list("alice")] == [mine]
    assert store.get(theirs, "alice") is None
    assert not store.delete(theirs, "alice") and store.get(theirs, "bob") is not None
    store.append(mine, "user", "q")
    assert store.delete(mine, "alice") and store.get(mine, "alice") is None


def test_latest_conversation_first(tmp_path):
    store = ConversationStore(tmp_path / "c.sqlite3")
    first = store.create("", "first")
    second = store.create("", "second")
    store.append(first, "user", "again")
    assert [c.title for c in store.list("")] == ["first", "second"]


def test_a_rating_is_written_once(tmp_path):
    store = ConversationStore(tmp_path / "c.sqlite3")
    cid = store.create("", "q")
    store.append(cid, "user", "q")
    aid = store.append(cid, "assistant", "a")
    assert store.rate(aid, "", "up", None).rating == "up"
    assert store.rate(aid, "", "up", None) is None
    changed = store.rate(aid, "", None, " utile ")
    assert (changed.rating, changed.comment) == ("up", "utile")
    assert store.rate(aid, "", "sideways", None) is None
    assert store.rate(aid, "someone-else", "down", None) is None
    assert store.get(cid, "").messages[1].rating == "up"


def test_the_browser_secret_is_stable(tmp_path):
    path = tmp_path / "c.sqlite3"
    assert ConversationStore(path).secret() == ConversationStore(path).secret()


def test_ids_start_with_a_letter_so_they_are_css_selectors(tmp_path):
    store = ConversationStore(tmp_path / "c.sqlite3")
    cid = store.create("", "q")
    mids = [store.append(cid, "user", str(i)) for i in range(20)]
    assert all(i[0].isalpha() for i in [cid, *mids])
