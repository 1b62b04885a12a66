"""The report: the model and its verdict, and one module per output format."""
