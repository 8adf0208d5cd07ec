"""dxlearn: offline DX-literacy learning for municipal staff."""

__version__ = "0.1.0"
