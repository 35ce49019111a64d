"""What other apps may use of the effectiviteit app: the protected figures of one cohort
(one small public module per app; README: Opbouw). Never compute figures elsewhere."""

from effectiviteit.selectors import Filters, kerncijfers

__all__ = ["Filters", "kerncijfers"]
