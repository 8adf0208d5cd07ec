"""Signature sidecars and their verification: used by the exports (which sign) and by HR (which
verifies before combining). Never imports Qt."""
