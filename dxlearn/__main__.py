"""``python -m dxlearn`` and the ``dxlearn`` script."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI or the GUI; ``argv`` without the program name. Returns the exit status."""
    from .cli import main as cli_main

    try:
        return cli_main(argv)
    except SystemExit as exc:  # argparse --help / usage errors
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":
    run()
