"""Lesson libraries: model, loader, quiz parser, Markdown rendering and lint. Never imports Qt."""
