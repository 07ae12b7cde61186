"""Every command explains itself: it has help text with an example, and the README names it."""

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from warlog.cli import main

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_example(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"warlog {name} --help shows no example"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_readme(name: str) -> None:
    assert f"warlog {name}" in README, f"README does not mention 'warlog {name}'"


def test_every_option_has_help() -> None:
    missing = [
        f"{name} {param.name}"
        for name, command in main.commands.items()
        for param in command.params
        if isinstance(param, click.Option) and not param.help and param.name != "help"
    ]
    assert not missing
