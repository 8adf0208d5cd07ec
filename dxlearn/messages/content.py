"""Messages of the lesson libraries (loading, lint findings)."""

from dxlearn.messages.catalogue import Entry as E

MESSAGES = {
    "content.library_not_replaced": E(
        "教材パック {folder}（ID {id}、版 {version}）は読み込みませんでした。同じ ID の教材"
        "（版 {current}、{where}）を使います。組織の教材は教材パックで置き換えられません。",
        "the lesson pack {folder} (id {id}, version {version}) was not loaded: the library with "
        "the same id (version {current}, {where}) is used; a pack never replaces the "
        "organisation's library"),
}
