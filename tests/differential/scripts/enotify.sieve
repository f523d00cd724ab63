# RFC 5435 notify, valid_notify_method, notify_method_capability; RFC 5436 mailto.
require ["fileinto", "enotify", "variables"];
if valid_notify_method "mailto:ops@example.net" { fileinto "mailto-valid"; }
if valid_notify_method "xmpp:ops@example.net" { fileinto "xmpp-valid"; }
if notify_method_capability "mailto:ops@example.net" "online" ["maybe", "yes", "no"] { fileinto "online-cap"; }
if header :matches "subject" "*" {
  notify :importance "1" :message "New mail: ${1}" "mailto:ops@example.net";
}
