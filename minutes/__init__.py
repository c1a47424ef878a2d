"""Persian meeting minutes as code: YAML records to official PDF minutes and letters."""

__version__ = "0.1.0"
