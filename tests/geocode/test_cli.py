import json

from click.testing import CliRunner

from warlog.geocode.cli import geocode_command


def test_geocode_command_prints_choice_and_json() -> None:
    runner = CliRunner()
    result = runner.invoke(geocode_command, ["Abu Kamal", "--context", "Strikes hit Syria."])
    assert result.exit_code == 0 and "Deir ez-Zor" in result.output and "why:" in result.output
    result = runner.invoke(geocode_command, ["Qwxzzyplk", "--json"])
    assert result.exit_code == 0 and json.loads(result.output)["place"] is None
