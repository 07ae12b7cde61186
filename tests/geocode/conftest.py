import pytest

from warlog.geocode import Geocoder
from warlog.settings import Settings


@pytest.fixture(scope="session")
def geocoder() -> Geocoder:
    return Geocoder(Settings())
