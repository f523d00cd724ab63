# RFC 5230 vacation with :subject, :from, :days, :addresses.
require "vacation";
if header :contains "subject" ["report", "notes", "photos"] {
  vacation :days 3 :subject "Out of office" :from "rcpt@example.net"
           :addresses ["rcpt@example.net", "alias@example.net"]
           "I am away until Monday.";
}
