"""HR outputs: export rows, CSV/XLSX/xAPI writers, signatures, verify, merge. Never imports Qt."""
