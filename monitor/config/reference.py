"""The configuration reference (docs/configuration.md), generated from the models."""

from __future__ import annotations

import sys
from typing import Any

from pydantic import (
    BaseModel,
)

from monitor.config.models import Settings, model_of


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def reference_markdown() -> str:
    """The configuration reference, generated from the models (docs/configuration.md)."""
    lines = [
        "# Configuration reference",
        "",
        "Generated from `monitor/config/models.py` by `python -m monitor.config.reference`;"
        " do not edit.",
        "",
        "Relative paths resolve against the config file's folder. `${VAR}` and "
        "`${VAR:-default}` are replaced from the environment. Unknown keys are errors. "
        "Durations are written `90s`, `15m`, `1h`, `2d` (defaults below in seconds).",
        "",
    ]

    def table(model: type[BaseModel], prefix: str) -> None:
        nested: list[tuple[type[BaseModel], str]] = []
        lines.extend(
            [
                f"## `{prefix}`" if prefix else "## Top level",
                "",
                "| key | default | description |",
                "| --- | --- | --- |",
            ]
        )
        for name, field in model.model_fields.items():
            if field.is_required():
                default = "required"
            elif field.default_factory is not None:
                default = "`[]`" if field.default_factory is list else "see below"
            else:
                default = f"`{_yaml_scalar(field.default)}`"
            lines.append(f"| `{name}` | {default} | {field.description or ''} |")
            sub = model_of(field.annotation)
            if sub is not None:
                nested.append((sub, f"{prefix}.{name}" if prefix else name))
        lines.append("")
        for sub, sub_prefix in nested:
            table(sub, sub_prefix)

    table(Settings, "")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(reference_markdown())
