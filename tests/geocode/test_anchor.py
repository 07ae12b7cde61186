"""Names no gazetteer holds are placed where their article puts them, at geo_precision 2, or nowhere."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warlog.geocode import Geocoder
from warlog.geocode._relative import haversine_km

MAYADIN = (35.02, 40.45)
JARABLUS = (36.82, 38.01)


def _km(place: object, point: tuple[float, float]) -> float:
    lat, lon = getattr(place, "latitude", None), getattr(place, "longitude", None)
    assert lat is not None and lon is not None
    return haversine_km(lat, lon, *point)


def test_unknown_site_takes_the_town_of_its_sentence(geocoder: Geocoder) -> None:
    context = "Jets hit the Zarqubiyya roundabout in al-Mayadin on Monday, a monitor in Syria said."
    assert geocoder.lookup("Zarqubiyya roundabout").place is None  # no article, no guess
    place = geocoder.lookup("Zarqubiyya roundabout", context).place
    assert place is not None and place.geo_precision == 2 and (place.radius_km or 0) >= 10
    assert _km(place, MAYADIN) < 10 and place.admin1 == "Deir ez-Zor"
    assert "no gazetteer" in (place.why or "") and "al-Mayadin" in (place.why or "")


@pytest.mark.parametrize(("phrase", "context", "point"), [
    # "X, Deir Ezzor, Syria": Deir Ezzor only locates al-Mayadin, so the town is the anchor,
    # and "the town's" reaches back to the sentence before.
    ("Zarqubiyya roundabout", "Blasts shook al-Mayadin, Deir Ezzor, Syria, late on Sunday. "
     "Witnesses said cars at the town's Zarqubiyya roundabout burned.", MAYADIN),
    # the article spells the name another way
    ("Zarqoubiya", "A sniper killed a soldier near the village of Zarqubiyya, outside al-Mayadin in Syria.",
     MAYADIN),
    # the town of the sentence, not its province's countryside
    ("Zarqubiyya checkpoint", "A bomb went off in Jarablus town, northern Aleppo countryside, "
     "close to the Zarqubiyya checkpoint.", JARABLUS),
])
def test_anchor_is_the_place_the_sentence_ties_it_to(geocoder: Geocoder, phrase: str, context: str,
                                                      point: tuple[float, float]) -> None:
    place = geocoder.lookup(phrase, context).place
    assert place is not None and _km(place, point) < 10


def test_descriptions_and_lonely_names_get_nothing(geocoder: Geocoder) -> None:
    context = "Artillery answered with fire on the hideouts of the group near al-Mayadin in Syria."
    assert geocoder.lookup("hideouts of the group", context).place is None
    far = "Zarqubiyya was shelled. " + "Nothing else happened. " * 6 + "Later, al-Mayadin was calm."
    assert geocoder.lookup("Zarqubiyya", far).place is None


def test_village_of_a_city_name_stays_near_its_company(geocoder: Geocoder) -> None:
    context = "A shell landed on a post in the village of Suwayda, a few kilometres from Jarablus."
    place = geocoder.lookup("Suwayda", context).place
    assert place is not None and _km(place, JARABLUS) < 15
    city = geocoder.lookup("Suwayda", "Protesters marched in Suwayda, southern Syria.").place
    assert city is not None and city.admin1 == "As-Sweida"


@settings(max_examples=60, deadline=None)
@given(name=st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
       context=st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text_gives_a_result_or_nothing(geocoder: Geocoder, name: str, context: str) -> None:
    result = geocoder.lookup(name, context)
    assert (result.place is None) == (result.chosen is None)


@pytest.mark.parametrize("name", ["Zarqubiyya", "Zarqubiyya roundabout"])
def test_anchored_place_keeps_the_written_name(geocoder: Geocoder, name: str) -> None:
    place = geocoder.lookup(name, "Shells fell on Zarqubiyya roundabout in al-Mayadin, Syria.").place
    assert place is not None and place.name == name
