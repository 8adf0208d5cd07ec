"""What HR does with the files collected from many PCs: read the inputs and the roster, combine
their records, and write the report (``dxlearn hr merge``). Never imports Qt."""
