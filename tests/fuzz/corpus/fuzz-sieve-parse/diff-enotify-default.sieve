# RFC 5435 notify without :message or :importance (default 2).
require "enotify";
if exists "from" { notify "mailto:pager@example.net"; }
