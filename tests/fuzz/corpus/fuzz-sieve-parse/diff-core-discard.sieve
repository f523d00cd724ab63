# RFC 5228 4.5 discard cancels the implicit keep; keep restores delivery.
if header :contains "subject" ["deals", "WON"] { discard; stop; }
if exists "cc" { discard; keep; }
