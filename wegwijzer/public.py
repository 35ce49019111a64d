"""What other apps may use of the wegwijzer (one small public module per app; README: Opbouw)."""

from wegwijzer.regels import onbereikbaar_redenen

__all__ = ["onbereikbaar_redenen"]
