"""factcli: figures and targets from Chinese local government work reports, with their sources."""

__version__ = "0.1.0"
