"""Configuration: the pydantic models (``models``), the YAML loader (``loader``) and the generated
reference (``reference``). The names below are what the other stages use."""

from monitor.config.loader import Config, default_config_path, load_config
from monitor.config.models import (
    DEFAULT_CONFIG,
    Settings,
    SubscriberConfig,
    TopicConfig,
    parse_duration,
    slugify,
)

__all__ = [
    "DEFAULT_CONFIG",
    "Config",
    "Settings",
    "SubscriberConfig",
    "TopicConfig",
    "default_config_path",
    "load_config",
    "parse_duration",
    "slugify",
]
