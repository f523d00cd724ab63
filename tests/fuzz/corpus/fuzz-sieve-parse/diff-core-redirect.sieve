# RFC 5228 4.2 redirect; a second identical redirect is not a second
# delivery (4.2: "MUST NOT ... more than once").
if address :domain "from" "example.org" { redirect "archive@example.net"; }
if header :contains "subject" "report" {
  redirect "boss@example.net";
  redirect "boss@example.net";
}
if not exists "from" { redirect "Postmaster <postmaster@example.net>"; }
