"""What other apps may use of the wegwijzer (DESIGN: one small public module per app)."""

from wegwijzer.regels import onbereikbaar_redenen

__all__ = ["onbereikbaar_redenen"]
