"""Offline geocoding that gets war reports' places right.

``Geocoder(settings).geocode_extraction(article, extraction)`` fills every report's ``place``;
``Geocoder.lookup(text, context)`` shows the candidates and why one was chosen (CLI).
"""

from warlog.geocode._geocoder import Geocoder
from warlog.geocode._normalise import normalise_key
from warlog.geocode._resolver import Candidate, GeocodeResult

__all__ = ["Candidate", "GeocodeResult", "Geocoder", "normalise_key"]
