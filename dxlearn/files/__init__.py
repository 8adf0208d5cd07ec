"""File plumbing shared by every layer: atomic writes with hashing, and reading the text files
people write (UTF-8 with or without BOM, or CP932). Never imports Qt."""
