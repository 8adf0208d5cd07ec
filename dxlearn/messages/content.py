"""Messages of the content part (filled as its messages move into the catalogue)."""

from dxlearn.messages.catalogue import Entry

MESSAGES: dict[str, Entry] = {}
