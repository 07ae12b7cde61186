"""Analyse the stored events: tallies over them and checks of aggregate claims against them."""

from warlog.analyse.claims_check import ClaimCheck, check_claim_set, check_claims
from warlog.analyse.tallies import TallyRow, tally

__all__ = ["ClaimCheck", "TallyRow", "check_claim_set", "check_claims", "tally"]
