"""Round two: one short self-written sentence per trap the first geocoder fell into."""

from pathlib import Path

from warlog.geocode import Geocoder
from warlog.geocode._relative import haversine_km
from warlog.settings import Settings


def test_a_described_facility_is_the_only_one_there(geocoder: Geocoder) -> None:
    place = geocoder.lookup("the US base in Jordan", "A drone hit troops in Jordan overnight.").place
    assert place is not None and place.location == "Tower 22" and place.geo_precision == 1


def test_a_described_facility_among_several_is_only_the_country(tmp_path: Path) -> None:
    extra = tmp_path / "places.tsv"
    extra.write_text("x:jo-second\tSecond Outpost\t\tmilitary base\t31.50\t36.50\tJO\t\ttest row\n",
                     encoding="utf-8")
    geocoder = Geocoder(Settings(user_places=str(extra)))
    place = geocoder.lookup("a US base in Jordan", "Troops in Jordan.").place
    assert place is not None and place.kind == "country" and place.geo_precision == 3


def test_the_whole_name_beats_the_name_inside_it(geocoder: Geocoder) -> None:
    place = geocoder.lookup("Green Village", "American troops in Syria came under fire.").place
    assert place is not None and place.country == "Syria" and place.admin1 == "Deir ez-Zor"


def test_other_towns_in_the_text_settle_a_shared_name(geocoder: Geocoder) -> None:
    iraq = geocoder.lookup("Rabia", "Gunmen attacked a checkpoint between Sinjar and Tal Afar.").place
    syria = geocoder.lookup("Rabia", "Shells fell on Kessab and al-Haffah at dawn.").place
    assert iraq is not None and iraq.country == "Iraq"
    assert syria is not None and syria.country == "Syria"


def test_a_syrian_town_does_not_go_to_kuwait(geocoder: Geocoder) -> None:
    place = geocoder.lookup("Salmiya", "Shelling hit the Hama countryside in Syria.").place
    assert place is not None and place.country == "Syria" and place.admin1 == "Hama"


def test_natural_features_are_areas(geocoder: Geocoder) -> None:
    plain = geocoder.lookup("the Ghab plain", "Rebels shelled army posts in Syria.").place
    desert = geocoder.lookup("the Badia", "Militants ambushed a bus in Syria.").place
    assert plain is not None and plain.admin1 == "Hama" and plain.geo_precision == 2
    assert desert is not None and desert.geo_precision == 3


def test_a_river_follows_the_province_in_the_text(geocoder: Geocoder) -> None:
    syria = geocoder.lookup("the west bank of the Euphrates", "Clashes near Deir ez-Zor city.").place
    iraq = geocoder.lookup("the Euphrates", "Troops swept the desert of Anbar.").place
    assert syria is not None and syria.admin1 == "Deir ez-Zor"
    assert iraq is not None and iraq.country == "Iraq"


def test_a_direction_of_a_town_moves_the_point(geocoder: Geocoder) -> None:
    town = geocoder.lookup("Hama", "Syria").place
    moved = geocoder.lookup("north-west of Hama", "Syria").place
    assert town is not None and moved is not None and moved.geo_precision == 2
    assert town.latitude is not None and town.longitude is not None
    assert moved.latitude is not None and moved.longitude is not None
    assert moved.latitude > town.latitude and moved.longitude < town.longitude
    assert 5 < haversine_km(town.latitude, town.longitude, moved.latitude, moved.longitude) < 30


def test_counted_localities_mean_the_area(geocoder: Geocoder) -> None:
    place = geocoder.lookup("six villages in Idlib", "Jets struck Syria.").place
    assert place is not None and place.admin1 == "Idleb" and place.geo_precision in (2, 3)


def test_a_generic_academy_in_a_city(geocoder: Geocoder) -> None:
    place = geocoder.lookup("the military school in Homs", "A drone hit a ceremony in Syria.").place
    assert place is not None and place.admin1 == "Homs" and place.geo_precision == 1


def test_iraqi_kurdistan_has_provinces(geocoder: Geocoder) -> None:
    for name, admin1 in (("Erbil", "Erbil"), ("Dahuk", "Dahuk"), ("Kirkuk", "Kirkuk")):
        place = geocoder.lookup(f"{name} city", "A drone fell in Iraq.").place
        assert place is not None and place.admin1 == admin1, place
