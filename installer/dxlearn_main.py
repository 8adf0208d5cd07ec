"""Entry point of the frozen executables (installer/dxlearn.spec): ``dxlearn.__main__.run``."""

from dxlearn.__main__ import run

if __name__ == "__main__":
    run()
